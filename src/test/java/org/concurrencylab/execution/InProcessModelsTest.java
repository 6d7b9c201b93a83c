package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.support.TestOptions;
import org.concurrencylab.workload.Kinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every in-process model runs every task exactly once, agrees on the checksum, and stops when told. */
class InProcessModelsTest {

    private static final RunPlan PRIMES =
            new RunPlan(Kinds.CPU_PRIMES, new ParamValues(Map.of("size", 4_000L)), 10, 2);

    /** The threads runs start; other lab threads (a server's dispatcher in the same test JVM) are not theirs. */
    private static final java.util.List<String> RUN_THREAD_PREFIXES =
            java.util.List.of("lab-threads-", "lab-futures-", "lab-forkjoin-", "lab-gil-");

    private final ModelRunners runners = new ModelRunners(new SimpleMeterRegistry(), null);

    @ParameterizedTest
    @EnumSource(value = ExecutionModel.class, names = "PROCESSES", mode = EnumSource.Mode.EXCLUDE)
    void everyTaskRunsOnceWithTheSequentialChecksum(ExecutionModel model) throws Exception {
        RunMeasurement expected = runners.forModel(ExecutionModel.SEQUENTIAL).run(PRIMES.withParallelism(1));
        RunMeasurement measured = runners.forModel(model).run(PRIMES);

        assertThat(measured.tasks()).extracting(TaskRecord::index).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(checksum(measured)).isEqualTo(checksum(expected));
        assertThat(measured.wallNanos()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionModel.class, names = {"SEQUENTIAL", "PROCESSES"}, mode = EnumSource.Mode.EXCLUDE)
    void anInterruptStopsTheRunAndItsThreads(ExecutionModel model) throws Exception {
        RunPlan longWaits = new RunPlan(Kinds.IO_SLEEP,
                new ParamValues(Map.of("millis", 60_000L, "holdMonitor", 0L)), 4, 2);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().name("test-caller").start(() -> {
            try {
                runners.forModel(model).run(longWaits);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !labThreads().isEmpty() || virtualTasksStarted(caller));
        caller.interrupt();

        assertThat(caller.join(Duration.ofSeconds(10))).isTrue();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> labThreads().isEmpty());
    }

    @Test
    void gilLetsOneThreadRunWorkloadCodeAtATimeAndHandsTheLockOver() throws Exception {
        RunPlan plan = new RunPlan(Kinds.CPU_PRIMES, new ParamValues(Map.of("size", 200_000L)), 4, 2,
                TestOptions.of(0, 1, 1, false, 1, 0));
        RunMeasurement m = runners.forModel(ExecutionModel.GIL).run(plan);

        assertThat(m.observations().plain()).containsEntry("gilMaxHoldersAtOnce", 1L).containsEntry("gilSwitchIntervalMillis", 1L);
        // Two threads with CPU work and a 1 ms interval must pass the lock back and forth.
        assertThat((Long) m.observations().plain().get("gilHandoffs")).isPositive();
        assertThat((Long) m.observations().plain().get("gilAcquisitions")).isGreaterThan(4);
    }

    @Test
    void gilKeepsWhoHeldTheLockWhenAndTheHoldsNeverOverlap() throws Exception {
        RunPlan plan = new RunPlan(Kinds.CPU_PRIMES, new ParamValues(Map.of("size", 200_000L)), 4, 2,
                TestOptions.of(0, 1, 1, false, 1, 0));
        RunMeasurement m = runners.forModel(ExecutionModel.GIL).run(plan);

        java.util.List<long[]> holds = m.lockHolds();
        assertThat(holds).hasSize(((Long) m.observations().plain().get("gilAcquisitions")).intValue());
        // Both threads held it, numbered from 0 in the order they first did.
        assertThat(holds.stream().map(h -> h[0]).collect(Collectors.toSet())).containsExactlyInAnyOrder(0L, 1L);
        java.util.List<long[]> byStart = holds.stream().sorted(java.util.Comparator.comparingLong(h -> h[1])).toList();
        for (int i = 0; i < byStart.size(); i++) {
            assertThat(byStart.get(i)[2]).isGreaterThanOrEqualTo(byStart.get(i)[1]);
            if (i > 0) {
                assertThat(byStart.get(i)[1]).as("hold %d starts after the one before it ended", i)
                        .isGreaterThanOrEqualTo(byStart.get(i - 1)[2]);
            }
        }
        assertThat(runners.forModel(ExecutionModel.THREADS).run(plan).lockHolds()).isEmpty();
    }

    @Test
    void gilIsReleasedAroundBlockingSectionsSoWaitsOverlap() throws Exception {
        RunPlan waits = new RunPlan(Kinds.IO_SLEEP,
                new ParamValues(Map.of("millis", 300L, "holdMonitor", 0L)), 2, 2);
        RunMeasurement m = runners.forModel(ExecutionModel.GIL).run(waits);
        // Both waits were in progress at the same time: each started before the other ended.
        long latestStart = m.tasks().stream().mapToLong(TaskRecord::startNanos).max().orElseThrow();
        long earliestEnd = m.tasks().stream().mapToLong(TaskRecord::endNanos).min().orElseThrow();
        assertThat(latestStart).isLessThan(earliestEnd);
        assertThat(m.observations().plain()).containsEntry("gilMaxHoldersAtOnce", 1L);
    }

    @Test
    void forkJoinSplitsTheRangeAndItsWorkersSteal() throws Exception {
        RunPlan waits = new RunPlan(Kinds.IO_SLEEP,
                new ParamValues(Map.of("millis", 20L, "holdMonitor", 0L)), 16, 2,
                TestOptions.of(0, 1, 5, false, 1, 0));
        RunMeasurement m = runners.forModel(ExecutionModel.FORK_JOIN).run(waits);

        assertThat(m.observations().plain()).containsEntry("splits", 15L).containsEntry("threshold", 1L);
        // The root runs on one worker; the other can only get work by stealing it.
        assertThat((Long) m.observations().plain().get("steals")).isPositive();
        // At least the parallelism; more when a worker joining a stolen, still sleeping half made the
        // pool add a compensating spare thread, which is what poolSizeReached is there to show.
        assertThat((Long) m.observations().plain().get("poolSizeReached")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void futuresChainTheAskedStagesAfterEveryTask() throws Exception {
        RunPlan plan = new RunPlan(PRIMES.workload(), PRIMES.params(), 10, 2, TestOptions.of(3, 1, 5, false, 1, 0));
        RunMeasurement m = runners.forModel(ExecutionModel.FUTURES).run(plan);
        assertThat(m.observations().plain()).containsEntry("stagesPerTask", 3L).containsEntry("stagesRun", 30L);
    }

    @Test
    void virtualThreadsOverlapThousandsOfWaitsWithoutACap() throws Exception {
        RunPlan waits = new RunPlan(Kinds.IO_SLEEP,
                new ParamValues(Map.of("millis", 100L, "holdMonitor", 0L)), 10_000, 0);
        RunMeasurement m = runners.forModel(ExecutionModel.VIRTUAL_THREADS).run(waits);

        assertThat(m.tasks()).hasSize(10_000);
        assertThat(m.observations().plain()).containsEntry("virtualThreadsStarted", 10_000L).containsEntry("concurrencyCap", 0L);
        // Far more waits were in progress at once than there are cores or carriers.
        assertThat((Long) m.observations().plain().get("peakConcurrentTasks")).isGreaterThan(1_000);
    }

    @Test
    void aCapLimitsHowManyVirtualThreadsRunAtOnce() throws Exception {
        RunPlan waits = new RunPlan(Kinds.IO_SLEEP,
                new ParamValues(Map.of("millis", 20L, "holdMonitor", 0L)), 50, 3);
        RunMeasurement m = runners.forModel(ExecutionModel.VIRTUAL_THREADS).run(waits);
        assertThat((Long) m.observations().plain().get("peakConcurrentTasks")).isBetween(1L, 3L);
        assertThat(m.observations().plain()).containsEntry("concurrencyCap", 3L);
    }

    private static boolean virtualTasksStarted(Thread caller) {
        return caller.getState() == Thread.State.WAITING || caller.getState() == Thread.State.TIMED_WAITING;
    }

    private static Set<String> labThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> RUN_THREAD_PREFIXES.stream().anyMatch(name::startsWith))
                .collect(Collectors.toSet());
    }

    private static long checksum(RunMeasurement m) {
        return m.tasks().stream().mapToLong(TaskRecord::checksum).sum();
    }
}
