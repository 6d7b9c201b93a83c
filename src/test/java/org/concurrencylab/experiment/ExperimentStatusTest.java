package org.concurrencylab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ExperimentStatusTest {

    @Test
    void queuedExperimentsEitherStartOrAreCancelled() {
        assertThat(EnumSet.allOf(ExperimentStatus.class)).filteredOn(ExperimentStatus.QUEUED::canMoveTo)
                .containsExactlyInAnyOrder(ExperimentStatus.RUNNING, ExperimentStatus.CANCELLED);
    }

    @Test
    void runningExperimentsEndInExactlyOneOfTheFinalStatuses() {
        assertThat(EnumSet.allOf(ExperimentStatus.class)).filteredOn(ExperimentStatus.RUNNING::canMoveTo)
                .containsExactlyInAnyOrder(ExperimentStatus.SUCCEEDED, ExperimentStatus.FAILED,
                        ExperimentStatus.CANCELLED, ExperimentStatus.TIMED_OUT);
    }

    @Test
    void finalStatusesAreFinal() {
        for (ExperimentStatus terminal : EnumSet.of(ExperimentStatus.SUCCEEDED, ExperimentStatus.FAILED,
                ExperimentStatus.CANCELLED, ExperimentStatus.TIMED_OUT)) {
            assertThat(terminal.isTerminal()).isTrue();
            assertThat(EnumSet.allOf(ExperimentStatus.class)).noneMatch(terminal::canMoveTo);
        }
        assertThat(ExperimentStatus.QUEUED.isTerminal()).isFalse();
        assertThat(ExperimentStatus.RUNNING.isTerminal()).isFalse();
    }

    @Test
    void aForbiddenMoveNamesTheCurrentStatus() {
        assertThatThrownBy(() -> ExperimentStatus.SUCCEEDED.checkMoveTo(ExperimentStatus.RUNNING))
                .hasMessageContaining("SUCCEEDED").hasMessageContaining("RUNNING");
    }
}
