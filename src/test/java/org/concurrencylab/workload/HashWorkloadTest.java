package org.concurrencylab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.Workload;
import org.junit.jupiter.api.Test;

class HashWorkloadTest {

    private static Workload hash(long rounds) {
        return Kinds.CPU_HASH.create(new ParamValues(Map.of("rounds", rounds)));
    }

    @Test
    void checksumIsTheStartOfTheChainsLastDigest() throws Exception {
        // Expected values from coreutils: printf '\0\0\0\0\0\0\0\0' | sha256sum, then sha256 of each digest.
        assertThat(hash(1).runTask(0, TaskContext.DIRECT)).isEqualTo(0xaf5570f5a1810b7aL);
        assertThat(hash(2).runTask(0, TaskContext.DIRECT)).isEqualTo(0x7ef0ca626bbb058dL);
        assertThat(hash(3).runTask(0, TaskContext.DIRECT)).isEqualTo(0xad60c1eeb72c638aL);
        assertThat(hash(1).runTask(1, TaskContext.DIRECT)).isEqualTo(0xcd2662154e6d76b2L);
    }

    @Test
    void theSameTaskGivesTheSameChecksumAndOtherTasksAnother() throws Exception {
        Workload hash = hash(5_000);
        long first = hash.runTask(7, TaskContext.DIRECT);
        assertThat(hash.runTask(7, TaskContext.DIRECT)).isEqualTo(first);
        assertThat(hash(5_000).runTask(7, TaskContext.DIRECT)).isEqualTo(first);
        assertThat(hash.runTask(8, TaskContext.DIRECT)).isNotEqualTo(first);
    }

    @Test
    void callsCheckpointThroughoutTheChain() throws Exception {
        RecordingContext context = RecordingContext.counting();
        hash(10_240).runTask(0, context);
        assertThat(context.checkpoints.get()).isEqualTo(10);
        assertThat(context.blockingSections.get()).isZero();
    }

    @Test
    void stopsAtTheCheckpointWhereItIsInterrupted() {
        RecordingContext context = RecordingContext.interruptingAtCheckpoint(3);
        assertThatThrownBy(() -> hash(1_000_000).runTask(0, context)).isInstanceOf(InterruptedException.class);
        assertThat(context.checkpoints.get()).isEqualTo(3);
    }

    @Test
    void aLongChainEndsPromptlyWhenItsThreadIsInterrupted() throws Exception {
        // 50 M rounds is several seconds of hashing; the interrupt must end it long before.
        assertThat(RecordingContext.interruptFromOutside(hash(50_000_000), 0)).isInstanceOf(InterruptedException.class);
    }
}
