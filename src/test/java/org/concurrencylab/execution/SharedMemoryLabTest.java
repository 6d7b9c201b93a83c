package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.support.TestOptions;
import org.concurrencylab.workload.Kinds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ipc.shared on real worker JVMs: a counter in memory the processes share races without
 * protection and is exact under an OS file lock or compare-and-set; the region is always removed.
 */
class SharedMemoryLabTest extends WorkerPoolTestBase {

    @AfterEach
    void noRegionOutlivesATest() {
        assertThat(regions()).isEmpty();
    }

    @Test
    void anUnprotectedCounterLosesUpdatesAcrossTwoProcesses() throws Exception {
        // A race is a race: on a machine so busy that the two workers never run at once, a run may
        // lose nothing. A warm pool repeats the run cheaply until one loses updates; every run must
        // count what it lost exactly, and leave no region behind.
        RunPlan plan = shared(2_000_000, "none", 2);
        try (RunSession session = runner.open(plan)) {
            await("a run that loses updates").atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1)).until(() -> {
                        RunMeasurement m = session.run();

                        assertThat(number(m, "expected")).isEqualTo(4_000_000);
                        assertThat(number(m, "lostUpdates")).isEqualTo(4_000_000 - number(m, "observed"));
                        assertThat(m.observations().plain()).containsEntry("strategy", "none");
                        assertThat(checksum(m)).isEqualTo(4_000_000);
                        assertThat(regions()).isEmpty();
                        return number(m, "lostUpdates") > 0;
                    });
        }
        assertThat(workers.launcher.liveWorkers()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lock", "atomic"})
    void aLockedOrAtomicCounterIsExactAcrossProcesses(String strategy) throws Exception {
        RunMeasurement m = runner.run(shared(20_000, strategy, 2));

        assertThat(number(m, "observed")).isEqualTo(40_000).isEqualTo(number(m, "expected"));
        assertThat(number(m, "lostUpdates")).isZero();
        assertThat(number(m, "incrementsPerSecond")).isPositive();
        assertThat(m.observations().plain()).containsEntry("strategy", strategy);
        assertThat(m.workerPids()).hasSize(2).doesNotContain(ProcessHandle.current().pid());
        assertThat(checksum(m)).isEqualTo(40_000);
        assertThat(workers.launcher.liveWorkers()).isZero();
    }

    @Test
    void moreTasksThanWorkersAreExactToo() throws Exception {
        RunMeasurement m = runner.run(new RunPlan(Kinds.IPC_SHARED, params(5_000, "atomic"), 5, 2,
                TestOptions.of(0, 1, 5, false, 1, 2)));

        assertThat(number(m, "observed")).isEqualTo(25_000);
        assertThat(number(m, "lostUpdates")).isZero();
        // A recycled worker maps the same region as the one it replaced.
        assertThat(number(m, "workersRecycled")).isPositive();
    }

    @Test
    void aCancelledRunRemovesTheRegionAndLeavesNoWorker() {
        BackgroundRun run = startInBackground(shared(10_000_000, "lock", 2));
        AtomicReference<Throwable> outcome = run.outcome();
        await().atMost(Duration.ofSeconds(30)).until(() -> workers.spawned.size() == 2 && !regions().isEmpty());
        List<Long> pids = workers.spawnedPids();

        run.thread().interrupt();

        await().atMost(Duration.ofSeconds(15)).until(() -> outcome.get() != null);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(regions()).isEmpty();
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(workers.launcher.liveWorkers()).isZero();
    }

    private static RunPlan shared(long increments, String strategy, int tasks) {
        return new RunPlan(Kinds.IPC_SHARED, params(increments, strategy), tasks, tasks);
    }

    private static ParamValues params(long increments, String strategy) {
        long choice = List.of("none", "lock", "atomic").indexOf(strategy);
        return new ParamValues(Map.of("increments", increments, "strategy", choice));
    }

    private static long number(RunMeasurement m, String name) {
        assertThat(m.observations().plain()).as(m.observations().toString()).containsKey(name);
        return ((Number) m.observations().plain().get(name)).longValue();
    }

    private static long checksum(RunMeasurement m) {
        return m.tasks().stream().mapToLong(TaskRecord::checksum).sum();
    }

    /** The shared regions this JVM has made and not yet removed. */
    static List<Path> regions() {
        String mine = "concurrency-lab-io-" + ProcessHandle.current().pid() + "-";
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith(mine))
                    .filter(p -> Files.exists(p.resolve("shared-counter"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
