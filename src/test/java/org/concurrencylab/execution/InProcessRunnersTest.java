package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.workload.Kinds;
import org.concurrencylab.core.ParamValues;
import org.junit.jupiter.api.Test;

class InProcessRunnersTest {

    private static final RunPlan PRIMES =
            new RunPlan(Kinds.CPU_PRIMES, new ParamValues(Map.of("size", 5_000L)), 12, 3);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void sequentialAndThreadsRunEveryTaskOnceWithTheSameChecksum() throws Exception {
        RunMeasurement sequential = new SequentialRunner().run(PRIMES);
        RunMeasurement threads = new ThreadsRunner(new InstrumentedPools(registry)).run(PRIMES);

        assertThat(indexes(sequential)).isEqualTo(indexes(threads)).hasSize(12);
        assertThat(checksum(threads)).isEqualTo(checksum(sequential)).isPositive();
        assertThat(sequential.startupNanos()).isEqualTo(RunMeasurement.NO_STARTUP);
        assertThat(threads.workerPids()).isEmpty();
        assertThat(threads.wallNanos()).isPositive();
    }

    @Test
    void threadsRunOnNamedPlatformThreadsAndOverlapWaits() throws Exception {
        RunPlan waits = new RunPlan(Kinds.IO_SLEEP, new ParamValues(Map.of("millis", 200L, "holdMonitor", 0L)), 4, 4);
        RunMeasurement m = new ThreadsRunner(new InstrumentedPools(registry)).run(waits);
        // Four 200 ms waits on four threads overlap: every task starts before any other ends.
        long latestStart = m.tasks().stream().mapToLong(TaskRecord::startNanos).max().orElseThrow();
        long earliestEnd = m.tasks().stream().mapToLong(TaskRecord::endNanos).min().orElseThrow();
        assertThat(latestStart).isLessThan(earliestEnd);
    }

    @Test
    void threadsPoolIsInstrumentedWhileItRunsAndForgottenAfter() throws Exception {
        new ThreadsRunner(new InstrumentedPools(registry)).run(PRIMES);
        // The pool's meters go with it, so the next repetition's pool is the one reported.
        assertThat(registry.find("executor.completed").tag("name", ThreadsRunner.POOL_NAME).meters()).isEmpty();
    }

    @Test
    void interruptingTheCallerStopsEveryThreadOfTheRun() throws Exception {
        RunPlan longWaits = new RunPlan(Kinds.IO_SLEEP, new ParamValues(Map.of("millis", 60_000L, "holdMonitor", 0L)), 4, 2);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().name("test-caller").start(() -> {
            try {
                new ThreadsRunner(new InstrumentedPools(registry)).run(longWaits);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> labThreads().size() == 2);
        caller.interrupt();
        assertThat(caller.join(Duration.ofSeconds(10))).isTrue();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> labThreads().isEmpty());
    }

    private static Set<Thread> labThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("lab-threads-") && t.isAlive())
                .collect(Collectors.toSet());
    }

    private static Set<Integer> indexes(RunMeasurement m) {
        return m.tasks().stream().map(TaskRecord::index).collect(Collectors.toSet());
    }

    private static long checksum(RunMeasurement m) {
        return m.tasks().stream().mapToLong(TaskRecord::checksum).sum();
    }
}
