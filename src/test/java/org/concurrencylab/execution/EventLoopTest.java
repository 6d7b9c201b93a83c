package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.concurrencylab.core.Cooperative;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ModelOption;
import org.concurrencylab.core.ModelOptions;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.WorkKind;
import org.concurrencylab.core.Workload;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.workload.Kinds;
import org.concurrencylab.workload.Workloads;
import org.junit.jupiter.api.Test;

/**
 * EVENT_LOOP keeps asyncio's promises, checked as behaviour rather than speed: one thread overlaps
 * thousands of waits, runs CPU work one task after another, and every callback behind a task that
 * computes or blocks runs late by about that long.
 */
class EventLoopTest {

    private final ModelRunner loop = TestRunners.inProcess().forModel(ExecutionModel.EVENT_LOOP);
    private final ModelRunner sequential = TestRunners.inProcess().forModel(ExecutionModel.SEQUENTIAL);

    private static RunPlan plan(WorkloadDefinition kind, Map<String, Long> params, int tasks) {
        return plan(kind, params, tasks, ModelOptions.DEFAULTS);
    }

    private static RunPlan plan(WorkloadDefinition kind, Map<String, Long> params, int tasks, ModelOptions options) {
        return new RunPlan(kind, kind.defaults().overriddenBy(params), tasks, 1, options);
    }

    private static double real(RunMeasurement m, String name) {
        assertThat(m.observations().plain()).as(m.observations().toString()).containsKey(name);
        return ((Number) m.observations().plain().get(name)).doubleValue();
    }

    private static long checksum(RunMeasurement m) {
        return m.tasks().stream().mapToLong(TaskRecord::checksum).sum();
    }

    @Test
    void oneThreadOverlapsFiveThousandWaitsOfAHundredMilliseconds() throws Exception {
        RunMeasurement m = loop.run(plan(Kinds.IO_SLEEP, Map.of("millis", 100L), 5_000));

        assertThat(m.tasks()).hasSize(5_000);
        // One after another they would take 500 s: only overlapping waits finish in a fraction of 2 s.
        assertThat(Duration.ofNanos(m.wallNanos())).isLessThan(Duration.ofSeconds(2));
        assertThat(real(m, "peakPendingTasks")).isEqualTo(5_000);
        // Each task: its start, then its wake-up.
        assertThat(real(m, "callbacks")).isGreaterThanOrEqualTo(10_000);
        assertThat(checksum(m)).isEqualTo(5_000L * 5_001 / 2);
    }

    @Test
    void cpuWorkRunsOneTaskAfterAnotherSoItGetsNoSpeedup() throws Exception {
        RunPlan primes = plan(Kinds.CPU_PRIMES, Map.of("size", 100_000L), 6);
        RunMeasurement m = loop.run(primes);

        // No two tasks overlap: each ran to completion in its start callback, holding the loop.
        List<TaskRecord> byStart = m.tasks().stream().sorted(Comparator.comparingLong(TaskRecord::startNanos)).toList();
        for (int i = 1; i < byStart.size(); i++) {
            assertThat(byStart.get(i).startNanos()).isGreaterThanOrEqualTo(byStart.get(i - 1).endNanos());
        }
        long busy = m.tasks().stream().mapToLong(TaskRecord::durationNanos).sum();
        assertThat(m.wallNanos()).isGreaterThanOrEqualTo(busy);
        assertThat(real(m, "peakPendingTasks")).isEqualTo(1);
        assertThat(checksum(m)).isEqualTo(checksum(sequential.run(primes)));
    }

    @Test
    void computingInOneTaskMakesTheOthersCallbacksLate() throws Exception {
        RunMeasurement m = loop.run(plan(Kinds.MIXED, Map.of("cpuMillis", 50L, "ioMillis", 10L), 4));

        // The second task's start was due with the first's, and ran after its 50 ms of computing.
        assertThat(real(m, "loopLagMillisMax")).isGreaterThanOrEqualTo(30);
        assertThat(real(m, "loopLagMillisP99")).isGreaterThanOrEqualTo(30);
        assertThat(checksum(m)).isEqualTo(checksum(sequential.run(plan(Kinds.MIXED,
                Map.of("cpuMillis", 50L, "ioMillis", 10L), 4))));
    }

    @Test
    void aBlockingWaitStallsEveryOtherTaskWhereAnAwaitedOneOverlaps() throws Exception {
        ModelOptions slowAt40 = ModelOptions.DEFAULTS.with(ModelOption.SLOW_CALLBACK_MILLIS, 40);
        RunMeasurement awaited = loop.run(plan(Kinds.IO_SLEEP, Map.of("millis", 50L, "blocking", 0L), 4, slowAt40));
        RunMeasurement blocked = loop.run(plan(Kinds.IO_SLEEP, Map.of("millis", 50L, "blocking", 1L), 4, slowAt40));

        assertThat(real(awaited, "peakPendingTasks")).isEqualTo(4);
        assertThat(real(blocked, "peakPendingTasks")).isEqualTo(1);
        // The last task's start waited for three sleeps of 50 ms on the loop's thread.
        assertThat(real(blocked, "loopLagMillisMax")).isGreaterThanOrEqualTo(150);
        assertThat(real(blocked, "slowCallbacks")).isEqualTo(4);
        assertThat(real(blocked, "slowCallbackMillis")).isEqualTo(40);
        assertThat(blocked.wallNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(checksum(blocked)).isEqualTo(checksum(awaited));
    }

    @Test
    void requestsAwaitTheirRepliesOnTheLoopAndOverlap() throws Exception {
        RunPlan requests = plan(Kinds.IO_HTTP, Map.of("requests", 2L, "delayMillis", 200L), 8);
        RunMeasurement m = loop.run(requests);

        assertThat(m.tasks()).hasSize(8);
        // Eight tasks' requests were at the server together although one thread sent them all.
        assertThat(real(m, "peakConcurrentRequests")).isGreaterThan(1);
        assertThat(real(m, "requestsSent")).isEqualTo(16);
        assertThat(checksum(m)).isEqualTo(checksum(sequential.run(plan(Kinds.IO_HTTP,
                Map.of("requests", 2L, "delayMillis", 1L), 8))));
    }

    @Test
    void anInterruptStopsTheLoopAtOnce() throws Exception {
        RunPlan longWaits = plan(Kinds.IO_SLEEP, Map.of("millis", 60_000L), 100);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().name("test-loop-caller").start(() -> {
            try {
                loop.run(longWaits);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> caller.getState() == Thread.State.TIMED_WAITING);
        caller.interrupt();

        assertThat(caller.join(Duration.ofSeconds(10))).isTrue();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void everyWaitingWorkloadThatFitsTheLoopHasACooperativeFormAndSaysSo() {
        for (WorkloadDefinition kind : Workloads.ALL) {
            if (!kind.fits(ExecutionModel.EVENT_LOOP) || kind.work() == WorkKind.CPU) {
                continue;
            }
            assertThat(kind.cooperative()).as(kind.id()).isTrue();
            try (Workload workload = kind.create(kind.defaults())) {
                assertThat(workload).as(kind.id()).isInstanceOf(Cooperative.class);
            }
        }
        assertThat(Kinds.SYNC_COUNTER.refusals().get(ExecutionModel.EVENT_LOOP)).contains("block on each other");
        assertThat(Kinds.IO_FILE.refusals().get(ExecutionModel.EVENT_LOOP)).contains("no cooperative form");
    }
}
