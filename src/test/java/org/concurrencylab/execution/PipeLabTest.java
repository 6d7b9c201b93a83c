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

/** ipc.pipe: the pool streams messages to real worker JVMs and checks every echo. */
class PipeLabTest extends WorkerPoolTestBase {

    @Test
    void everyMessageComesBackIntactFromEachOfTwoWorkers() throws Exception {
        RunPlan plan = pipe(2_000, 100, 2);

        RunMeasurement measured = runner.run(plan);

        assertThat(measured.tasks()).extracting(TaskRecord::index).containsExactlyInAnyOrder(0, 1);
        assertThat(measured.tasks()).allSatisfy(task -> {
            assertThat(task.checksum()).isEqualTo(2_000);
            assertThat(task.durationNanos()).isPositive();
        });
        assertThat(measured.workerPids()).hasSize(2);
        Map<String, Object> seen = measured.observations().plain();
        assertThat(seen).containsEntry("messages", 4_000L).containsEntry("payloadBytes", 100L);
        // The work is the pipes' and the other JVM's: no CPU time of this JVM, and no chunks of tasks, to report.
        assertThat(measured.cpuNanos()).isEqualTo(RunMeasurement.NOT_MEASURED);
        assertThat(seen).doesNotContainKeys("chunks", "dispatchOverheadMicrosPerTask", "pipeRoundTripMicrosP50");
        assertThat((long) seen.get("messagesPerSecond")).isPositive();
        assertThat((long) seen.get("bytesPerSecond")).isPositive();
        double p50 = (double) seen.get("roundTripMicrosP50");
        double p99 = (double) seen.get("roundTripMicrosP99");
        assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
        assertThat(measured.wallNanos()).isPositive();
        assertThat(workers.launcher.liveWorkers()).isZero();
    }

    @Test
    void largePayloadsAndMoreTasksThanWorkersAreEchoedToo() throws Exception {
        RunMeasurement measured = runner.run(pipe(20, 1 << 20, 3).withParallelism(2));

        assertThat(measured.tasks()).extracting(TaskRecord::checksum).containsExactly(20L, 20L, 20L);
        assertThat(measured.observations().plain()).containsEntry("messages", 60L);
        assertThat(workers.launcher.liveWorkers()).isZero();
    }

    @Test
    void anInterruptStopsTheStreamsAndLeavesNoWorker() {
        RunPlan plan = pipe(1_000_000, 64, 2);
        BackgroundRun run = startInBackground(plan);
        AtomicReference<Throwable> outcome = run.outcome();
        Thread experiment = run.thread();
        await().atMost(Duration.ofSeconds(30)).until(() -> workers.spawned.size() == 2);
        List<Long> pids = workers.spawnedPids();
        // Interrupt mid-stream: once both pipe threads are exchanging messages.
        await().atMost(Duration.ofSeconds(30)).until(() -> pipeThreadsExchanging() == 2);

        experiment.interrupt();

        await().atMost(Duration.ofSeconds(15)).until(() -> outcome.get() != null);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(workers.launcher.liveWorkers()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().startsWith("lab-worker-") && thread.isAlive()
                        && !thread.getName().equals("lab-worker-aot")));
    }

    private static RunPlan pipe(long messages, long payloadBytes, int tasks) {
        return new RunPlan(Kinds.IPC_PIPE,
                new ParamValues(Map.of("messages", messages, "payloadBytes", payloadBytes)), tasks, tasks);
    }

    /** Pipe threads of this run with a message exchange on their stack right now. */
    private static long pipeThreadsExchanging() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("lab-worker-") && !e.getKey().getName().equals("lab-worker-aot"))
                .filter(e -> java.util.Arrays.stream(e.getValue())
                        .anyMatch(frame -> frame.getClassName().equals(PipeExchange.class.getName())))
                .count();
    }
}
