package org.concurrencylab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.Workload;
import org.junit.jupiter.api.Test;

class MixedWorkloadTest {

    private static Workload mixed(long cpuMillis, long ioMillis) {
        return Kinds.MIXED.create(new ParamValues(Map.of("cpuMillis", cpuMillis, "ioMillis", ioMillis)));
    }

    @Test
    void checksumIsAFixedAmountOfWorkNotATime() throws Exception {
        Workload mixed = mixed(3, 1);
        long first = mixed.runTask(6, TaskContext.DIRECT);
        assertThat(mixed.runTask(6, TaskContext.DIRECT)).isEqualTo(first);
        assertThat(mixed.runTask(7, TaskContext.DIRECT)).isNotEqualTo(first);
        assertThat(mixed(2, 1).runTask(6, TaskContext.DIRECT)).isNotEqualTo(first);
        // No computing: the chain is never advanced, so the checksum is its seed, the task index.
        assertThat(mixed(0, 1).runTask(6, TaskContext.DIRECT)).isEqualTo(6);
    }

    @Test
    void computesWithCheckpointsThenWaitsInOneBlockingSection() throws Exception {
        RecordingContext context = RecordingContext.counting();
        mixed(2, 1).runTask(0, context);
        assertThat(context.checkpoints.get()).isEqualTo(20); // ten a millisecond of computing
        assertThat(context.blockingSections.get()).isEqualTo(1);
    }

    @Test
    void noWaitingMeansNoBlockingSection() throws Exception {
        RecordingContext context = RecordingContext.counting();
        mixed(1, 0).runTask(0, context);
        assertThat(context.blockingSections.get()).isZero();
    }

    @Test
    void stopsAtTheCheckpointWhereItIsInterruptedAndNeverWaits() {
        RecordingContext context = RecordingContext.interruptingAtCheckpoint(3);
        assertThatThrownBy(() -> mixed(1_000, 60_000).runTask(0, context)).isInstanceOf(InterruptedException.class);
        assertThat(context.checkpoints.get()).isEqualTo(3);
        assertThat(context.blockingSections.get()).isZero();
    }

    @Test
    void bothTheComputingAndTheWaitingEndPromptlyWhenInterrupted() throws Exception {
        assertThat(RecordingContext.interruptFromOutside(mixed(1_000, 0), 0)).isInstanceOf(InterruptedException.class);
        assertThat(RecordingContext.interruptFromOutside(mixed(0, 60_000), 0)).isInstanceOf(InterruptedException.class);
    }
}
