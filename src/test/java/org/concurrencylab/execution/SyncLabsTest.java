package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ModelOptions;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.support.TestOptions;
import org.concurrencylab.workload.Kinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The synchronization labs run through real models and keep their promises: the invariants each
 * lab reports, never its speed.
 */
class SyncLabsTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    /** A 1 ms GIL switch interval, so two threads hand the GIL over often within a short run. */
    private static final ModelOptions FAST_GIL = TestOptions.of(0, 1, 1, false, 1, 0);

    private final ModelRunners runners = TestRunners.inProcess();

    private RunMeasurement run(ExecutionModel model, WorkloadDefinition kind, Map<String, Object> params, int tasks,
            int parallelism) throws Exception {
        return runners.forModel(model).run(new RunPlan(kind, params(kind, params), tasks, parallelism, FAST_GIL));
    }

    /** The kind's defaults with these overrides, choices given by name. */
    private static ParamValues params(WorkloadDefinition kind, Map<String, Object> given) {
        Map<String, Long> values = new HashMap<>();
        given.forEach((name, value) -> values.put(name, value instanceof String choice
                ? (long) ((Param.Choice) kind.param(name).orElseThrow()).choices().indexOf(choice)
                : ((Number) value).longValue()));
        return kind.defaults().overriddenBy(values);
    }

    private static long number(RunMeasurement m, String name) {
        assertThat(m.observations().plain()).as(m.observations().toString()).containsKey(name);
        return ((Number) m.observations().plain().get(name)).longValue();
    }

    private static long checksum(RunMeasurement m) {
        return m.tasks().stream().mapToLong(TaskRecord::checksum).sum();
    }

    private static List<String> liveThreads(String... prefixes) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> List.of(prefixes).stream().anyMatch(name::startsWith)).toList();
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionModel.class, names = {"THREADS", "GIL"})
    void anUnprotectedCounterLosesUpdates(ExecutionModel model) throws Exception {
        // 2 x 10 M: with two cores the threads overlap for tens of ms; on one core (or under the GIL) every
        // switch between the read and the write loses what the other thread added meanwhile.
        // A race is a race: on a machine so busy that the two threads share one core, a switch
        // must land between a read and its write, and most runs lose nothing (seen with another
        // process spinning on the second core). So runs are repeated until one loses updates;
        // every run must count what it lost exactly.
        await("a run that loses updates").atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1)).until(() -> {
                    RunMeasurement m = run(model, Kinds.SYNC_COUNTER,
                            Map.of("increments", 10_000_000, "strategy", "none"), 2, 2);

                    assertThat(number(m, "expected")).isEqualTo(20_000_000);
                    assertThat(number(m, "lostUpdates")).isEqualTo(number(m, "expected") - number(m, "observed"));
                    assertThat(m.observations().plain()).containsEntry("strategy", "none");
                    // Lost updates show in the observations, never in the checksum.
                    assertThat(checksum(m)).isEqualTo(20_000_000);
                    return number(m, "lostUpdates") > 0;
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"synchronized", "lock", "reentrant", "semaphore", "atomic", "adder"})
    void everyProtectedCounterIsExact(String strategy) throws Exception {
        RunMeasurement m = run(ExecutionModel.THREADS, Kinds.SYNC_COUNTER,
                Map.of("increments", 500_000, "strategy", strategy), 2, 2);

        assertThat(number(m, "observed")).isEqualTo(1_000_000).isEqualTo(number(m, "expected"));
        assertThat(number(m, "lostUpdates")).isZero();
        assertThat(number(m, "incrementsPerSecond")).isPositive();
        assertThat(checksum(m)).isEqualTo(1_000_000);
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionModel.class, names = {"GIL", "VIRTUAL_THREADS", "FORK_JOIN"})
    void aLockedCounterIsExactOnOtherModelsToo(ExecutionModel model) throws Exception {
        RunMeasurement m = run(model, Kinds.SYNC_COUNTER, Map.of("increments", 200_000, "strategy", "lock"), 3, 2);
        assertThat(number(m, "lostUpdates")).isZero();
        assertThat(number(m, "observed")).isEqualTo(600_000);
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionModel.class, names = {"THREADS", "GIL", "VIRTUAL_THREADS"})
    void theQueueNeitherLosesNorDuplicates(ExecutionModel model) throws Exception {
        // A small queue, so producers really block and consumers really wait.
        RunMeasurement m = run(model, Kinds.SYNC_QUEUE,
                Map.of("producers", 2, "consumers", 3, "capacity", 4, "items", 30_000), 5, 5);

        assertThat(number(m, "produced")).isEqualTo(30_000);
        assertThat(number(m, "consumed")).isEqualTo(30_000);
        assertThat(number(m, "lost")).isZero();
        assertThat(number(m, "duplicated")).isZero();
        assertThat(number(m, "peakDepth")).isBetween(1L, 4L);
        assertThat(number(m, "itemsPerSecond")).isPositive();
        assertThat(m.observations().plain()).containsKey("producerBlockedMillis");
        assertThat(checksum(m)).isEqualTo(2 * 30_000);
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionModel.class, names = {"THREADS", "GIL", "VIRTUAL_THREADS"})
    void theConditionPairNeitherLosesNorDuplicates(ExecutionModel model) throws Exception {
        RunMeasurement m = run(model, Kinds.SYNC_CONDITION, Map.of("items", 30_000, "capacity", 2), 2, 2);

        assertThat(number(m, "produced")).isEqualTo(30_000);
        assertThat(number(m, "consumed")).isEqualTo(30_000);
        assertThat(number(m, "lost")).isZero();
        assertThat(number(m, "duplicated")).isZero();
        assertThat(number(m, "spuriousWakeups")).isNotNegative();
        assertThat(checksum(m)).isEqualTo(2 * 30_000);
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionModel.class, names = {"THREADS", "GIL", "VIRTUAL_THREADS"})
    void theSemaphoreNeverLetsMoreThanItsPermitsIn(ExecutionModel model) throws Exception {
        RunMeasurement m = run(model, Kinds.SYNC_SEMAPHORE,
                Map.of("permits", 2, "uses", 10, "holdMillis", 2), 6, model == ExecutionModel.VIRTUAL_THREADS ? 0 : 6);

        assertThat(number(m, "peakHolders")).isBetween(1L, 2L);
        assertThat(number(m, "permits")).isEqualTo(2);
        assertThat(number(m, "acquisitions")).isEqualTo(60);
        assertThat(m.observations().plain()).containsKeys("waitMillisTotal", "waitMillisMean");
        assertThat(checksum(m)).isEqualTo(60);
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionModel.class, names = {"THREADS", "GIL", "VIRTUAL_THREADS"})
    void everyWaiterWakesWhenTheEventIsSet(ExecutionModel model) throws Exception {
        RunMeasurement m = run(model, Kinds.SYNC_EVENT, Map.of("waiters", 4, "delayMillis", 5), 5, 5);

        assertThat(number(m, "wokenWaiters")).isEqualTo(4);
        assertThat(number(m, "wakeupMicrosP50")).isNotNegative().isLessThanOrEqualTo(number(m, "wakeupMicrosMax"));
        assertThat(checksum(m)).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionModel.class, names = {"THREADS", "GIL", "FUTURES", "FORK_JOIN"})
    void oppositeLockOrderDeadlocksAndTheLabDetectsAndBreaksIt(ExecutionModel model) throws Exception {
        RunMeasurement m = runWithin(BOUND, model, Map.of("order", "opposite", "holdMillis", 1));

        assertThat(m.observations().plain()).containsEntry("outcome", "DEADLOCKED");
        assertThat((String) m.observations().plain().get("deadlockedThreads")).contains(", ");
        assertThat((String) m.observations().plain().get("locks")).contains("ReentrantLock").contains("held by");
        assertThat(number(m, "detectedAfterMillis")).isNotNegative();
        // One victim gave up, which let the other finish.
        assertThat(number(m, "gaveUpWorkers")).isEqualTo(1);
        assertThat(number(m, "completedWorkers")).isEqualTo(1);
        assertThat(checksum(m)).isEqualTo(2);
        await().atMost(BOUND).until(() -> liveThreads("lab-threads-", "lab-gil-", "lab-futures-", "lab-forkjoin-",
                "lab-deadlock-watcher").isEmpty());
    }

    @Test
    void consistentLockOrderNeverDeadlocks() throws Exception {
        RunMeasurement m = runWithin(BOUND, ExecutionModel.THREADS, Map.of("order", "consistent", "holdMillis", 5));

        assertThat(m.observations().plain()).containsEntry("outcome", "COMPLETED").doesNotContainKey("deadlockedThreads");
        assertThat(number(m, "completedWorkers")).isEqualTo(2);
        assertThat(checksum(m)).isEqualTo(2);
        await().atMost(BOUND).until(() -> liveThreads("lab-threads-", "lab-deadlock-watcher").isEmpty());
    }

    /** Runs the deadlock lab on another thread, so a lab that failed to recover fails the test instead of hanging it. */
    private RunMeasurement runWithin(Duration bound, ExecutionModel model, Map<String, Object> params) throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().name("test-deadlock-caller").start(() -> {
            try {
                outcome.set(run(model, Kinds.SYNC_DEADLOCK, params, 2, 2));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        if (!caller.join(bound)) {
            caller.interrupt();
            throw new AssertionError("the deadlock lab did not end within " + bound);
        }
        if (outcome.get() instanceof Throwable t) {
            throw new AssertionError(t);
        }
        return (RunMeasurement) outcome.get();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixedRate", "fixedDelay"})
    void theTimerReportsJitterForEachModeAndStopsItsThread(String mode) throws Exception {
        RunMeasurement m = run(ExecutionModel.THREADS, Kinds.SCHED_TIMER,
                Map.of("periodMillis", 2, "ticks", 25, "mode", mode), 1, 1);

        assertThat(m.observations().plain()).containsEntry("mode", mode);
        assertThat(number(m, "ticks")).isEqualTo(25);
        assertThat(number(m, "jitterMicrosP50")).isNotNegative()
                .isLessThanOrEqualTo(number(m, "jitterMicrosP99"));
        assertThat(number(m, "jitterMicrosP99")).isLessThanOrEqualTo(number(m, "jitterMicrosMax"));
        assertThat(m.observations().plain()).containsKey("driftMicros");
        await().atMost(BOUND).until(() -> liveThreads("lab-sched-timer").isEmpty());
    }

    @Test
    void aBlockedLabStillStopsAtOnceWhenTheRunIsInterrupted() throws Exception {
        // The setter would wait a minute; the interrupt (cancel, time limit) must end every wait.
        RunPlan plan = new RunPlan(Kinds.SYNC_EVENT,
                params(Kinds.SYNC_EVENT, Map.of("waiters", 3, "delayMillis", 60_000)), 4, 4);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().name("test-event-caller").start(() -> {
            try {
                runners.forModel(ExecutionModel.THREADS).run(plan);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        await().atMost(BOUND).until(() -> liveThreads("lab-threads-").size() == 4);
        caller.interrupt();

        assertThat(caller.join(BOUND)).isTrue();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        await().atMost(BOUND).until(() -> liveThreads("lab-threads-").isEmpty());
    }

    @Test
    void fixedCastLabsDeclareTheirWorkersAndOthersLeaveItToTheSpec() {
        assertThat(Kinds.SYNC_QUEUE.castSize(params(Kinds.SYNC_QUEUE,
                Map.of("producers", 3, "consumers", 2)))).hasValue(5);
        assertThat(Kinds.SYNC_EVENT.castSize(params(Kinds.SYNC_EVENT, Map.of("waiters", 7)))).hasValue(8);
        assertThat(Kinds.SYNC_CONDITION.castSize(Kinds.SYNC_CONDITION.defaults())).hasValue(2);
        assertThat(Kinds.SYNC_DEADLOCK.castSize(Kinds.SYNC_DEADLOCK.defaults())).hasValue(2);
        assertThat(Kinds.SCHED_TIMER.castSize(Kinds.SCHED_TIMER.defaults())).hasValue(1);
        assertThat(Kinds.SYNC_COUNTER.castSize(Kinds.SYNC_COUNTER.defaults())).isEmpty();
        assertThat(Kinds.CPU_PRIMES.castSize(Kinds.CPU_PRIMES.defaults())).isEmpty();
        for (WorkloadDefinition kind : List.of(Kinds.SYNC_COUNTER, Kinds.SYNC_QUEUE, Kinds.SYNC_SEMAPHORE,
                Kinds.SYNC_EVENT, Kinds.SYNC_CONDITION, Kinds.SYNC_DEADLOCK)) {
            assertThat(kind.fits(ExecutionModel.PROCESSES)).as(kind.id()).isFalse();
            assertThat(kind.refusals().get(ExecutionModel.PROCESSES)).as(kind.id()).contains("ipc.pipe");
            assertThat(kind.fits(ExecutionModel.GIL)).as(kind.id()).isTrue();
        }
    }
}
