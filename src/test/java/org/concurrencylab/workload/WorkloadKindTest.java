package org.concurrencylab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkloadKindTest {

    @Test
    void primesCountsTheKnownNumberOfPrimesInEachRange() throws Exception {
        Workload primes = Kinds.CPU_PRIMES.create(new ParamValues(Map.of("size", 100L)));
        // 25 primes below 100, 21 between 100 and 200, 16 between 200 and 300.
        assertThat(primes.runTask(0, TaskContext.DIRECT)).isEqualTo(25);
        assertThat(primes.runTask(1, TaskContext.DIRECT)).isEqualTo(21);
        assertThat(primes.runTask(2, TaskContext.DIRECT)).isEqualTo(16);
    }

    @Test
    void primesCallsCheckpointInsideItsLoop() throws Exception {
        int[] checkpoints = {0};
        TaskContext counting = new TaskContext() {
            @Override
            public void checkpoint() {
                checkpoints[0]++;
            }
        };
        Kinds.CPU_PRIMES.create(new ParamValues(Map.of("size", 10_000L))).runTask(0, counting);
        assertThat(checkpoints[0]).isGreaterThanOrEqualTo(10_000 / 256);
    }

    @Test
    void sleepRunsInsideABlockingSectionAndGivesEachTaskADistinctChecksum() throws Exception {
        int[] blockingSections = {0};
        TaskContext counting = new TaskContext() {
            @Override
            public void blocking(BlockingSection section) throws InterruptedException {
                blockingSections[0]++;
                section.run();
            }
        };
        Workload sleep = Kinds.IO_SLEEP.create(new ParamValues(Map.of("millis", 1L, "holdMonitor", 0L)));
        assertThat(sleep.runTask(0, counting)).isEqualTo(1);
        assertThat(sleep.runTask(4, counting)).isEqualTo(5);
        assertThat(blockingSections[0]).isEqualTo(2);
    }

    @Test
    void sleepEndsAtOnceWhenInterrupted() throws Exception {
        Workload sleep = Kinds.IO_SLEEP.create(new ParamValues(Map.of("millis", 60_000L, "holdMonitor", 0L)));
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread sleeper = Thread.ofPlatform().start(() -> {
            try {
                sleep.runTask(0, TaskContext.DIRECT);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        sleeper.interrupt();
        assertThat(sleeper.join(Duration.ofSeconds(10))).isTrue();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void everyKindHasAStableIdAndDefaultsWithinBounds() {
        for (WorkloadDefinition kind : WorkloadDefinition.values()) {
            assertThat(WorkloadDefinition.byId(kind.id())).contains(kind);
            ParamValues defaults = kind.defaults();
            kind.params().forEach(p -> assertThat(defaults.get(p.name())).isBetween(p.min(), p.max()));
        }
        assertThat(WorkloadDefinition.byId("cpu.nope")).isEmpty();
    }

    @Test
    void aParamDefaultOutsideItsBoundsIsRejectedAtDeclaration() {
        assertThatThrownBy(() -> new ParamSpec("n", "", "", 5, 10, 20)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void taskRecordTimesTheTaskAndKeepsItsChecksum() throws Exception {
        Workload primes = Kinds.CPU_PRIMES.create(new ParamValues(Map.of("size", 50_000L)));
        TaskRecord record = TaskRecord.run(primes, 0, TaskContext.DIRECT);
        assertThat(record.index()).isZero();
        assertThat(record.checksum()).isEqualTo(5133); // primes below 50,000
        assertThat(record.durationNanos()).isPositive();
    }

    @Test
    void observationsOfSeveralWorkersCombineAsOneWorkloadsWould() {
        assertThat(Kinds.IO_FILE.combineObservations(List.of(
                Map.of("bytesWritten", 10L, "filesSynced", 1L), Map.of("bytesWritten", 5L, "filesSynced", 2L))))
                .isEqualTo(Map.of("bytesWritten", 15L, "filesSynced", 3L));
        assertThat(Kinds.IO_HTTP.combineObservations(List.of(
                Map.of("requestsSent", 4L, "peakConcurrentRequests", 3L),
                Map.of("requestsSent", 6L, "peakConcurrentRequests", 2))))
                .isEqualTo(Map.of("requestsSent", 10L, "peakConcurrentRequests", 3L));
        Map<String, Object> pi = Kinds.CPU_MONTECARLO.combineObservations(List.of(
                Map.of("hits", 3L, "samples", 4L, "piEstimate", 3.0), Map.of("hits", 4L, "samples", 4L, "piEstimate", 4.0),
                Map.of()));
        assertThat(pi).isEqualTo(Map.of("hits", 7L, "samples", 8L, "piEstimate", 3.5));
        assertThat(Kinds.CPU_MONTECARLO.combineObservations(List.of(Map.of(), Map.of()))).isEmpty();
        assertThat(Kinds.CPU_PRIMES.combineObservations(List.of(
                Map.of("mode", "a", "ok", true, "ratio", 0.25), Map.of("mode", "a", "ok", false, "ratio", 0.5))))
                .isEqualTo(Map.of("mode", "a", "ok", false, "ratio", 0.75));
    }

    @Test
    void ipcPipeMovesAtMost256MiBInARun() {
        ParamValues fits = new ParamValues(Map.of("messages", 256L, "payloadBytes", 1L << 20));
        assertThat(Kinds.IPC_PIPE.rule().check(fits, 1)).isEmpty();
        assertThat(Kinds.IPC_PIPE.rule().check(fits, 2)).hasValueSatisfying(problem -> {
            assertThat(problem.param()).isEqualTo("messages");
            assertThat(problem.message()).contains("256 MiB").contains("at most 128 messages");
        });
        assertThat(Kinds.IPC_PIPE.rule().check(Kinds.IPC_PIPE.defaults(), 64)).isEmpty();
        assertThat(Kinds.CPU_PRIMES.rule().check(Kinds.CPU_PRIMES.defaults(), 1_000_000))
                .isEmpty();
        assertThat(Kinds.IPC_PIPE.fit().models()).containsExactly("PROCESSES");
        assertThat(Kinds.IPC_PIPE.fit().refusal()).contains("share memory").contains("sync.queue");
    }
}
