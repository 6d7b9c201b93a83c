package org.concurrencylab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.concurrencylab.execution.ExecutionFailedException;
import org.concurrencylab.experiment.RunningExperiment.StopReason;
import org.junit.jupiter.api.Test;

class RunOutcomeTest {

    @Test
    void aStoppedRunIsRecordedWithTheStatusOfWhyItWasStopped() {
        assertThat(RunOutcome.stopped(StopReason.CANCELLED, 60).status()).isEqualTo(ExperimentStatus.CANCELLED);
        assertThat(RunOutcome.stopped(StopReason.TIMED_OUT, 60).status()).isEqualTo(ExperimentStatus.TIMED_OUT);
        assertThat(RunOutcome.stopped(StopReason.SHUTDOWN, 60).status()).isEqualTo(ExperimentStatus.FAILED);
    }

    @Test
    void anInterruptNobodyAskedForIsTheNodeShuttingDown() {
        assertThat(RunOutcome.stopped(null, 60)).isEqualTo(RunOutcome.stopped(StopReason.SHUTDOWN, 60));
    }

    @Test
    void aTimeoutSaysWhichLimitWasReached() {
        assertThat(RunOutcome.stopped(StopReason.TIMED_OUT, 42).reason()).contains("42 s");
    }

    @Test
    void aFailureOfTheEngineKeepsItsMessageForTheUser() {
        RunOutcome outcome = RunOutcome.failed(new ExecutionFailedException("THREADS completed 3 of 4 tasks"));

        assertThat(outcome.status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(outcome.reason()).isEqualTo("THREADS completed 3 of 4 tasks");
        assertThat(outcome.complete()).isFalse();
    }

    @Test
    void onlySuccessIsComplete() {
        assertThat(RunOutcome.SUCCEEDED.complete()).isTrue();
        assertThat(RunOutcome.SUCCEEDED.reason()).isNull();
        assertThat(RunOutcome.internalError().complete()).isFalse();
    }
}
