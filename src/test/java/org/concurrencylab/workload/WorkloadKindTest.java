package org.concurrencylab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkloadKindTest {

    @Test
    void primesCountsTheKnownNumberOfPrimesInEachRange() throws Exception {
        Workload primes = WorkloadKind.CPU_PRIMES.create(new WorkloadParams(Map.of("size", 100L)));
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
        WorkloadKind.CPU_PRIMES.create(new WorkloadParams(Map.of("size", 10_000L))).runTask(0, counting);
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
        Workload sleep = WorkloadKind.IO_SLEEP.create(new WorkloadParams(Map.of("millis", 1L, "holdMonitor", 0L)));
        assertThat(sleep.runTask(0, counting)).isEqualTo(1);
        assertThat(sleep.runTask(4, counting)).isEqualTo(5);
        assertThat(blockingSections[0]).isEqualTo(2);
    }

    @Test
    void sleepEndsAtOnceWhenInterrupted() throws Exception {
        Workload sleep = WorkloadKind.IO_SLEEP.create(new WorkloadParams(Map.of("millis", 60_000L, "holdMonitor", 0L)));
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
        for (WorkloadKind kind : WorkloadKind.values()) {
            assertThat(WorkloadKind.byId(kind.id())).contains(kind);
            WorkloadParams defaults = WorkloadParams.defaults(kind);
            kind.params().forEach(p -> assertThat(defaults.get(p.name())).isBetween(p.min(), p.max()));
        }
        assertThat(WorkloadKind.byId("cpu.nope")).isEmpty();
    }

    @Test
    void aParamDefaultOutsideItsBoundsIsRejectedAtDeclaration() {
        assertThatThrownBy(() -> new ParamSpec("n", "", "", 5, 10, 20)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void taskRecordTimesTheTaskAndKeepsItsChecksum() throws Exception {
        Workload primes = WorkloadKind.CPU_PRIMES.create(new WorkloadParams(Map.of("size", 50_000L)));
        TaskRecord record = TaskRecord.run(primes, 0, TaskContext.DIRECT);
        assertThat(record.index()).isZero();
        assertThat(record.checksum()).isEqualTo(5133); // primes below 50,000
        assertThat(record.durationNanos()).isPositive();
        assertThat(record.cpuNanos()).isPositive();
    }
}
