package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.workload.Kinds;
import org.junit.jupiter.api.Test;

/** Pinning a carrier is seen, on whatever JDK runs the lab. */
class PinningMonitorTest {

    /** One task of the lab's own io.sleep workload: a 50 ms wait, blocking its thread. */
    private static void blockingWait() {
        try {
            Kinds.IO_SLEEP.create(new ParamValues(Map.of("millis", 50L, "holdMonitor", 0L)))
                    .runTask(0, TaskContext.DIRECT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Blocking inside a class initializer pins a virtual thread on every JDK so far. */
    static final class SlowToInitialize {
        static {
            // The wait is the workload: blocking while pinned is what the monitor must see.
            blockingWait();
        }

        static void touch() {}
    }

    @Test
    void aVirtualThreadBlockingWhilePinnedIsCounted() throws Exception {
        PinningMonitor monitor = PinningMonitor.start();
        try {
            assertThat(monitor.available()).isTrue();
            Thread.ofVirtual().start(SlowToInitialize::touch).join(Duration.ofSeconds(10));
            assertThat(monitor.stop()).isPositive();
        } finally {
            monitor.close();
        }
    }

    @Test
    void aPlainWaitDoesNotPin() throws Exception {
        PinningMonitor monitor = PinningMonitor.start();
        try {
            // The wait is the workload: a plain wait that must not count as pinning.
            Thread.ofVirtual().start(PinningMonitorTest::blockingWait).join(Duration.ofSeconds(10));
            assertThat(monitor.stop()).isZero();
        } finally {
            monitor.close();
        }
    }

    @Test
    void waitingInsideAMonitorPinsOnlyBeforeJdk24() throws Exception {
        RunPlan locked = new RunPlan(Kinds.IO_SLEEP,
                new ParamValues(Map.of("millis", 30L, "holdMonitor", 1L)), 4, 0);
        VirtualThreadsRunner runner = new VirtualThreadsRunner();
        // A first run loads the classes involved: virtual threads that meet in a class initializer
        // are pinned on every JDK, which is not what this test is about.
        runner.run(locked);
        RunMeasurement m = runner.run(locked);
        assertThat(m.observations().plain()).containsEntry("pinning", "watched");
        long pinned = (Long) m.observations().plain().get("pinnedEvents");
        // JEP 491 (JDK 24) lets a virtual thread unmount while holding a monitor.
        if (Runtime.version().feature() >= 24) {
            assertThat(pinned).isZero();
        } else {
            assertThat(pinned).isPositive();
        }
    }

    @Test
    void cpuBoundRunsAreNotWatchedForPinningAndSaySo() throws Exception {
        RunPlan primes = new RunPlan(Kinds.CPU_PRIMES, new ParamValues(Map.of("size", 1_000L)), 4, 2);

        RunMeasurement m = new VirtualThreadsRunner().run(primes);

        // A count is only reported where pinning was watched; the reason stands apart, in words.
        assertThat(m.observations().plain()).doesNotContainKey("pinnedEvents")
                .containsEntry("pinning", "not watched: CPU-bound tasks never block");
    }
}
