package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.workload.Kinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ipc.manager and ipc.queue on real worker JVMs: objects the server holds, reached by messages
 * while the workers' chunks run. The invariants, never the speeds.
 */
class MessagedObjectsLabTest extends WorkerPoolTestBase {

    @Test
    void theManagedCounterIsExactAndReportsItsRate() throws Exception {
        RunMeasurement m = runner.run(new RunPlan(Kinds.IPC_MANAGER, params("operations", 3_000L), 3, 3));

        assertThat(number(m, "expected")).isEqualTo(9_000);
        assertThat(number(m, "observed")).isEqualTo(9_000);
        assertThat(number(m, "lostUpdates")).isZero();
        assertThat(number(m, "operationsPerSecond")).isPositive();
        double p50 = (double) m.observations().plain().get("roundTripMicrosP50");
        double p99 = (double) m.observations().plain().get("roundTripMicrosP99");
        assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
        assertThat(checksum(m)).isEqualTo(9_000);
        assertThat(workers.launcher.liveWorkers()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 2})
    void theQueueNeitherLosesNorDuplicates(long consumers) throws Exception {
        int tasks = (int) (3 + consumers);
        RunMeasurement m = runner.run(new RunPlan(Kinds.IPC_QUEUE, new ParamValues(Map.of("producers", 3L,
                "consumers", consumers, "items", 20_000L, "payloadBytes", 100L)), tasks, tasks));

        assertThat(number(m, "produced")).isEqualTo(20_000);
        assertThat(number(m, "consumed")).isEqualTo(20_000);
        assertThat(number(m, "lost")).isZero();
        assertThat(number(m, "duplicated")).isZero();
        assertThat(number(m, "itemsPerSecond")).isPositive();
        assertThat(number(m, "bytesPerSecond")).isPositive();
        assertThat(number(m, "peakDepth")).isBetween(1L, 20_000L);
        // Producers return what they put; consumer workers what they got intact, their stamped ids checked.
        assertThat(checksum(m)).isEqualTo(consumers > 0 ? 40_000 : 20_000);
        assertThat(workers.launcher.liveWorkers()).isZero();
        assertThat(liveConsumerThreads()).isEmpty();
    }

    @Test
    void anInterruptWhileConsumersWaitLeavesNoWorkerAndNoThread() {
        // A producer of many large items keeps the consumers busy or waiting when the interrupt comes.
        BackgroundRun run = startInBackground(new RunPlan(Kinds.IPC_QUEUE, new ParamValues(Map.of("producers", 1L,
                "consumers", 1L, "items", 1_000_000L, "payloadBytes", 256L)), 2, 2));
        AtomicReference<Throwable> outcome = run.outcome();
        await().atMost(Duration.ofSeconds(30)).until(() -> workers.spawned.size() == 2);
        List<Long> pids = workers.spawnedPids();

        run.thread().interrupt();

        await().atMost(Duration.ofSeconds(15)).until(() -> outcome.get() != null);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(workers.launcher.liveWorkers()).isZero();
    }

    private static ParamValues params(String name, long value) {
        return new ParamValues(Map.of(name, value));
    }

    private static long number(RunMeasurement m, String name) {
        assertThat(m.observations().plain()).as(m.observations().toString()).containsKey(name);
        return ((Number) m.observations().plain().get(name)).longValue();
    }

    private static long checksum(RunMeasurement m) {
        return m.tasks().stream().mapToLong(TaskRecord::checksum).sum();
    }

    private static List<String> liveConsumerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter("lab-queue-consumer"::equals).toList();
    }
}
