package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.DOUBLE;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.concurrencylab.core.ModelOptions;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.WorkKind;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.support.TestOptions;
import org.concurrencylab.workload.Kinds;
import org.junit.jupiter.api.Test;

class ProcessPoolRunnerTest extends WorkerPoolTestBase {

    @Test
    void computesWhatTheSequentialBaselineComputesInOtherProcesses() throws Exception {
        RunPlan plan = new RunPlan(Kinds.CPU_PRIMES, Kinds.CPU_PRIMES.defaults(), 6, 2);

        RunMeasurement processes = runner.run(plan);
        RunMeasurement sequential = new SequentialRunner().run(plan);

        assertThat(checksum(processes)).isEqualTo(checksum(sequential)).isPositive();
        assertThat(processes.tasks()).extracting(TaskRecord::index).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        assertThat(processes.workerPids())
                .hasSize(2)
                .doesNotHaveDuplicates()
                .doesNotContain(ProcessHandle.current().pid())
                .containsExactlyInAnyOrderElementsOf(workers.spawnedPids());
        assertThat(processes.startupNanos()).isPositive();
        assertThat(processes.wallNanos()).isPositive();
        assertThat(workers.launcher.liveWorkers()).isZero();
    }

    @Test
    void anInterruptStopsTheRunAndKillsEveryWorker() {
        RunPlan plan = new RunPlan(Kinds.IO_SLEEP, new ParamValues(Map.of("millis", 60_000L, "holdMonitor", 0L)), 4, 2);
        BackgroundRun run = startInBackground(plan);
        AtomicReference<Throwable> outcome = run.outcome();
        Thread experiment = run.thread();
        await().atMost(Duration.ofSeconds(30)).until(() -> workers.spawned.size() == 2);
        List<Long> pids = workers.spawnedPids();

        experiment.interrupt();

        await().atMost(Duration.ofSeconds(15)).until(() -> outcome.get() != null);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(pids).allSatisfy(pid -> assertThat(alive(pid)).isEmpty());
        assertThat(workers.launcher.liveWorkers()).isZero();
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .noneMatch(name -> pids.stream().anyMatch(pid -> name.startsWith("lab-worker-" + pid)));
    }

    @Test
    void aWorkerThatDiesFailsTheRunWithItsExitCode() {
        RunPlan plan = new RunPlan(Kinds.IO_SLEEP, new ParamValues(Map.of("millis", 60_000L, "holdMonitor", 0L)), 4, 2);
        BackgroundRun run = startInBackground(plan);
        AtomicReference<Throwable> outcome = run.outcome();
        Thread experiment = run.thread();
        await().atMost(Duration.ofSeconds(30)).until(() -> workers.spawned.size() == 2);
        long victim = workers.spawnedPids().getFirst();

        ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);

        await().atMost(Duration.ofSeconds(15)).until(() -> outcome.get() != null);
        assertThat(outcome.get())
                .isInstanceOf(ExecutionFailedException.class)
                .hasMessageContaining("worker " + victim)
                .hasMessageContaining("exit code 137");
        assertThat(workers.spawnedPids())
                .allSatisfy(pid -> assertThat(alive(pid)).isEmpty());
        assertThat(workers.launcher.liveWorkers()).isZero();
        assertThat(experiment.isInterrupted()).isFalse();
    }

    @Test
    void aTaskThatFailsInTheWorkerFailsTheRun() {
        // A workload the service would never send (it validates against the workers' own catalog):
        // the worker cannot build it, so it answers the task with FAILED.
        WorkloadDefinition unknownToWorkers = WorkloadDefinition.builder("test.unknown", WorkKind.CPU)
                .description("a workload only this test knows")
                .factory(params -> (index, context) -> index)
                .build();
        RunPlan plan = new RunPlan(unknownToWorkers, unknownToWorkers.defaults(), 3, 1);

        assertThatThrownBy(() -> runner.run(plan))
                .isInstanceOf(ExecutionFailedException.class)
                .hasMessageStartingWith("task 0 failed: ")
                .hasMessageContaining("test.unknown");
        assertThat(workers.launcher.liveWorkers()).isZero();
    }

    @Test
    void aWarmPoolRunsEveryRepetitionOnTheSameWorkersAndReportsStartupOnce() throws Exception {
        RunPlan plan = primes(6, 2, TestOptions.of(0, 1, 5, true, 1, 0));
        List<Long> pids;
        try (RunSession session = runner.open(plan)) {
            RunMeasurement first = session.run();
            RunMeasurement second = session.run();

            pids = first.workerPids();
            assertThat(pids).hasSize(2).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(workers.spawnedPids());
            assertThat(second.workerPids()).containsExactlyElementsOf(pids);
            assertThat(first.startupNanos()).isPositive();
            assertThat(second.startupNanos()).isEqualTo(RunMeasurement.NO_STARTUP);
            assertThat(first.observations().plain()).containsEntry("workersStarted", 2L).containsEntry("workersRecycled", 0L);
            assertThat(second.observations().plain()).containsEntry("workersStarted", 0L).containsEntry("aotCache", false);
            assertThat(second.observations().plain().get("pipeRoundTripMicrosP50")).asInstanceOf(DOUBLE).isPositive();
            assertThat(second.observations().plain()).containsKey("dispatchOverheadMicrosPerTask");
            // Every run builds a fresh workload in each worker, warm ones too, and says how long that took.
            assertThat(first.observations().plain().get("configureMillisMax")).asInstanceOf(DOUBLE).isPositive();
            assertThat(second.observations().plain().get("configureMillisMax")).asInstanceOf(DOUBLE).isPositive();
            assertThat(checksum(second)).isEqualTo(checksum(first)).isEqualTo(checksum(new SequentialRunner().run(plan)));
            assertThat(pids).allSatisfy(pid -> assertThat(alive(pid)).isPresent());
        }
        assertThat(pids).allSatisfy(pid -> assertThat(alive(pid)).isEmpty());
        assertThat(workers.launcher.liveWorkers()).isZero();
    }

    @Test
    void withoutReuseEveryRepetitionGetsFreshWorkers() throws Exception {
        RunPlan plan = primes(4, 2, TestOptions.of(0, 1, 5, false, 1, 0));
        try (RunSession session = runner.open(plan)) {
            RunMeasurement first = session.run();
            assertThat(workers.launcher.liveWorkers()).isZero();
            RunMeasurement second = session.run();

            assertThat(first.workerPids()).hasSize(2).doesNotContainAnyElementsOf(second.workerPids());
            assertThat(second.workerPids()).hasSize(2);
            assertThat(first.startupNanos()).isPositive();
            assertThat(second.startupNanos()).isPositive();
            assertThat(second.observations().plain()).containsEntry("workersStarted", 2L);
        }
        assertThat(workers.launcher.liveWorkers()).isZero();
    }

    @Test
    void chunksRunEveryTaskExactlyOnceAndComputeWhatTheBaselineComputes() throws Exception {
        RunPlan plan = primes(10, 2, TestOptions.of(0, 1, 5, false, 3, 0));

        RunMeasurement processes = runner.run(plan);

        assertThat(processes.tasks()).extracting(TaskRecord::index).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(checksum(processes)).isEqualTo(checksum(new SequentialRunner().run(plan)));
        // 0..2, 3..5, 6..8 and the rest, 9: one message per chunk.
        assertThat(processes.observations().plain()).containsEntry("chunks", 4L);
    }

    @Test
    void aWorkerIsRecycledAfterMaxTasksPerWorkerAndTheRetiredOnesExit() throws Exception {
        RunPlan plan = primes(6, 1, TestOptions.of(0, 1, 5, true, 1, 2));
        try (RunSession session = runner.open(plan)) {
            RunMeasurement run = session.run();

            List<Long> pids = run.workerPids();
            assertThat(pids).hasSize(3).doesNotHaveDuplicates().containsExactlyElementsOf(workers.spawnedPids());
            assertThat(run.observations().plain()).containsEntry("workersStarted", 3L).containsEntry("workersRecycled", 2L);
            assertThat(checksum(run)).isEqualTo(checksum(new SequentialRunner().run(plan)));
            assertThat(run.tasks()).extracting(TaskRecord::index).containsExactly(0, 1, 2, 3, 4, 5);
            // The two retired workers are gone; the third stays warm for the next repetition.
            assertThat(alive(pids.get(0))).isEmpty();
            assertThat(alive(pids.get(1))).isEmpty();
            assertThat(alive(pids.get(2))).isPresent();
            assertThat(workers.launcher.liveWorkers()).isEqualTo(1);
        }
        assertThat(workers.launcher.liveWorkers()).isZero();
    }

    @Test
    void recyclingAlsoWorksInFreshPoolsWithChunksCutToTheQuota() throws Exception {
        RunPlan plan = primes(7, 1, TestOptions.of(0, 1, 5, false, 2, 3));

        RunMeasurement run = runner.run(plan);

        // Quota 3 with chunks of 2: 0..1, 2 | 3..4, 5 | 6.
        assertThat(run.workerPids()).hasSize(3).doesNotHaveDuplicates();
        assertThat(run.observations().plain()).containsEntry("chunks", 5L).containsEntry("workersRecycled", 2L);
        assertThat(checksum(run)).isEqualTo(checksum(new SequentialRunner().run(plan)));
        assertThat(run.workerPids()).allSatisfy(pid -> assertThat(alive(pid)).isEmpty());
    }

    @Test
    void aWarmPoolDiesWithTheNode() throws Exception {
        RunSession session = runner.open(primes(2, 2, TestOptions.of(0, 1, 5, true, 1, 0)));
        List<Long> pids = session.run().workerPids();
        assertThat(pids).allSatisfy(pid -> assertThat(alive(pid)).isPresent());

        workers.launcher.shutdown();

        assertThat(pids).allSatisfy(pid -> assertThat(alive(pid)).isEmpty());
        session.close();
    }

    @Test
    void aWarmRunThatFailsLeavesNoWorkersAndTheNextRunStartsFreshOnes() throws Exception {
        RunPlan plan = primes(4, 2, TestOptions.of(0, 1, 5, true, 1, 0));
        try (RunSession session = runner.open(plan)) {
            List<Long> first = session.run().workerPids();
            long victim = first.getFirst();
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            await().atMost(Duration.ofSeconds(10)).until(() -> alive(victim).isEmpty());

            assertThatThrownBy(session::run)
                    .isInstanceOf(ExecutionFailedException.class)
                    .hasMessageContaining("worker " + victim);
            assertThat(first).allSatisfy(pid -> assertThat(alive(pid)).isEmpty());

            RunMeasurement third = session.run();
            assertThat(third.workerPids()).hasSize(2).doesNotContainAnyElementsOf(first);
            assertThat(third.startupNanos()).isPositive();
        }
        assertThat(workers.launcher.liveWorkers()).isZero();
    }

    private static RunPlan primes(int tasks, int parallelism, ModelOptions options) {
        return new RunPlan(Kinds.CPU_PRIMES, new ParamValues(Map.of("size", 2_000L)), tasks, parallelism, options);
    }

    private static long checksum(RunMeasurement measurement) {
        return measurement.tasks().stream().mapToLong(TaskRecord::checksum).sum();
    }

    private static Optional<ProcessHandle> alive(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }
}
