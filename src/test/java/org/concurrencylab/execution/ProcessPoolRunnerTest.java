package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.concurrencylab.workload.TaskRecord;
import org.concurrencylab.workload.WorkloadKind;
import org.concurrencylab.workload.WorkloadParams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessPoolRunnerTest {

    @TempDir
    Path dir;

    TestWorkers workers;
    ProcessPoolRunner runner;

    @BeforeEach
    void runner() {
        workers = new TestWorkers(dir);
        runner = new ProcessPoolRunner(workers.launcher);
    }

    @AfterEach
    void noWorkerOutlivesATest() {
        workers.launcher.shutdown();
    }

    @Test
    void computesWhatTheSequentialBaselineComputesInOtherProcesses() throws Exception {
        RunPlan plan = new RunPlan(WorkloadKind.CPU_PRIMES, WorkloadParams.defaults(WorkloadKind.CPU_PRIMES), 6, 2);

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
        RunPlan plan = new RunPlan(WorkloadKind.IO_SLEEP, new WorkloadParams(Map.of("millis", 60_000L, "holdMonitor", 0L)), 4, 2);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread experiment = Thread.ofPlatform().name("test-experiment").start(() -> {
            try {
                runner.run(plan);
                outcome.set(new AssertionError("the run finished"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
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
        RunPlan plan = new RunPlan(WorkloadKind.IO_SLEEP, new WorkloadParams(Map.of("millis", 60_000L, "holdMonitor", 0L)), 4, 2);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread experiment = Thread.ofPlatform().name("test-experiment").start(() -> {
            try {
                runner.run(plan);
                outcome.set(new AssertionError("the run finished"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
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
        // Params the service would never send (validation fills in defaults): the worker cannot build
        // the workload, so it answers the task with FAILED.
        RunPlan plan = new RunPlan(WorkloadKind.CPU_PRIMES, new WorkloadParams(Map.of()), 3, 1);

        assertThatThrownBy(() -> runner.run(plan))
                .isInstanceOf(ExecutionFailedException.class)
                .hasMessageStartingWith("task 0 failed: ")
                .hasMessageContaining("size");
        assertThat(workers.launcher.liveWorkers()).isZero();
    }

    private static long checksum(RunMeasurement measurement) {
        return measurement.tasks().stream().mapToLong(TaskRecord::checksum).sum();
    }

    private static Optional<ProcessHandle> alive(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }
}
