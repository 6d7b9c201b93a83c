package org.concurrencylab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.Workload;
import org.junit.jupiter.api.Test;

class MonteCarloWorkloadTest {

    private static Workload montecarlo(long samples) {
        return Kinds.CPU_MONTECARLO.create(new ParamValues(Map.of("samples", samples)));
    }

    @Test
    void hitsAreExactPerTaskAndDifferBetweenTasks() throws Exception {
        long first = montecarlo(200_000).runTask(4, TaskContext.DIRECT);
        assertThat(montecarlo(200_000).runTask(4, TaskContext.DIRECT)).isEqualTo(first);
        assertThat(montecarlo(200_000).runTask(5, TaskContext.DIRECT)).isNotEqualTo(first);
        // About pi/4 of the points fall inside the quarter circle.
        assertThat(first).isBetween(155_000L, 159_000L);
    }

    @Test
    void reportsThePiEstimateOfTheTasksThatRan() throws Exception {
        Workload montecarlo = montecarlo(500_000);
        assertThat(montecarlo.observations().plain()).isEmpty();
        for (int task = 0; task < 4; task++) {
            montecarlo.runTask(task, TaskContext.DIRECT);
        }
        assertThat((double) montecarlo.observations().plain().get("piEstimate")).isCloseTo(Math.PI, within(0.01));
    }

    @Test
    void callsCheckpointThroughoutTheSampling() throws Exception {
        RecordingContext context = RecordingContext.counting();
        montecarlo(16_384 * 5).runTask(0, context);
        assertThat(context.checkpoints.get()).isEqualTo(5);
        assertThat(context.blockingSections.get()).isZero();
    }

    @Test
    void stopsAtTheCheckpointWhereItIsInterrupted() {
        RecordingContext context = RecordingContext.interruptingAtCheckpoint(4);
        assertThatThrownBy(() -> montecarlo(100_000_000).runTask(0, context)).isInstanceOf(InterruptedException.class);
        assertThat(context.checkpoints.get()).isEqualTo(4);
    }

    @Test
    void aLongTaskEndsPromptlyWhenItsThreadIsInterrupted() throws Exception {
        assertThat(RecordingContext.interruptFromOutside(montecarlo(100_000_000), 0))
                .isInstanceOf(InterruptedException.class);
    }
}
