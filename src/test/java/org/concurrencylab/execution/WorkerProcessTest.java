package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.worker.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A single real worker JVM driven frame by frame, as the pool's pipe threads drive it. */
class WorkerProcessTest {

    @TempDir
    Path dir;

    TestWorkers workers;

    @BeforeEach
    void launcher() {
        workers = new TestWorkers(dir);
    }

    @AfterEach
    void noWorkerOutlivesATest() {
        workers.launcher.shutdown();
    }

    @Test
    void saysReadyRunsTasksAndAnnouncesItsSpawn() throws Exception {
        WorkerProcess worker = workers.launcher.start();

        long spawnNanos = worker.awaitReady();
        worker.send(new Frame.Configure("io.sleep", Map.of("millis", 0L, "holdMonitor", 0L)));
        assertThat(worker.receive()).isEqualTo(new Frame.Configured());
        worker.send(new Frame.Tasks(4, 2));
        Frame reply = worker.receive();

        assertThat(spawnNanos).isPositive();
        assertThat(workers.spawned).containsExactly(new WorkerSpawned(worker.pid(), spawnNanos));
        assertThat(reply).isInstanceOfSatisfying(Frame.Results.class, results -> {
            assertThat(results.records()).extracting(TaskRecord::index).containsExactly(4, 5);
            assertThat(results.records()).extracting(TaskRecord::checksum).containsExactly(5L, 6L);
            assertThat(results.busyNanos()).isPositive();
        });
    }

    @Test
    void aNewConfigureGivesTheNextChunksAFreshWorkload() throws Exception {
        // What a warm pool does at the start of every run.
        WorkerProcess worker = workers.launcher.start();
        worker.awaitReady();
        worker.send(new Frame.Configure("io.sleep", Map.of("millis", 0L, "holdMonitor", 0L)));
        assertThat(worker.receive()).isEqualTo(new Frame.Configured());
        worker.send(new Frame.Tasks(0, 1));
        Frame sleep = worker.receive();
        worker.send(new Frame.Configure("cpu.primes", Map.of("size", 10L)));
        assertThat(worker.receive()).isEqualTo(new Frame.Configured());
        worker.send(new Frame.Tasks(0, 1));
        Frame primes = worker.receive();

        assertThat(sleep).isInstanceOfSatisfying(Frame.Results.class,
                results -> assertThat(results.records().getFirst().checksum()).isEqualTo(1));
        // 2, 3, 5 and 7 are the primes below 10.
        assertThat(primes).isInstanceOfSatisfying(Frame.Results.class,
                results -> assertThat(results.records().getFirst().checksum()).isEqualTo(4));
    }

    @Test
    void exitsWhenItsStdinClosesEvenInTheMiddleOfALongTask() throws Exception {
        WorkerProcess worker = workers.launcher.start();
        worker.awaitReady();
        worker.send(new Frame.Configure("io.sleep", Map.of("millis", 60_000L, "holdMonitor", 0L)));
        assertThat(worker.receive()).isEqualTo(new Frame.Configured());
        worker.send(new Frame.Tasks(0, 1));

        // What the OS does to a worker's stdin when the server dies.
        worker.closeInput();

        await().atMost(Duration.ofSeconds(10)).until(() -> !worker.process().isAlive());
        assertThat(worker.process().exitValue()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> workers.launcher.liveWorkers() == 0);
    }

    @Test
    void answersATaskItCannotRunWithFailed() throws Exception {
        WorkerProcess worker = workers.launcher.start();
        worker.awaitReady();
        // A kind the server would never send (it validates against the same catalog): the worker
        // cannot build it, and says why for the first task of every chunk.
        worker.send(new Frame.Configure("cpu.nope", Map.of()));
        assertThat(worker.receive()).isEqualTo(new Frame.Configured());
        worker.send(new Frame.Tasks(2, 3));

        assertThat(worker.receive()).isInstanceOfSatisfying(Frame.Failed.class, failed -> {
            assertThat(failed.index()).isEqualTo(2);
            assertThat(failed.message()).contains("cpu.nope");
        });
    }

    @Test
    void aMalformedFrameEndsTheWorkerWithAnExitCodeAndItsStderrInTheError() throws Exception {
        WorkerProcess worker = workers.launcher.start();
        worker.awaitReady();
        worker.process().getOutputStream().write(0x7F);
        worker.process().getOutputStream().flush();

        IOException eof = catchThrowableOfType(IOException.class, worker::receive);
        ExecutionFailedException failure = worker.failure("died", eof);

        assertThat(failure.getMessage())
                .contains("worker " + worker.pid())
                .contains("exit code 2")
                .contains("protocol error on stdin")
                .contains("0x7f");
    }

    @Test
    void shutdownKillsEveryLiveWorker() throws Exception {
        WorkerProcess first = workers.launcher.start();
        WorkerProcess second = workers.launcher.start();
        first.awaitReady();
        assertThat(workers.launcher.liveWorkers()).isEqualTo(2);

        workers.launcher.shutdown();

        assertThat(List.of(first, second)).noneMatch(w -> w.process().isAlive());
        assertThat(workers.launcher.liveWorkers()).isZero();
    }

    @Test
    void theCommandIsBuiltByTheServerAlone() {
        List<String> command = workers.launcher.command();

        assertThat(command.getFirst()).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        assertThat(command)
                .contains("-XX:+DisplayVMOutputToStderr", "-Xlog:all=warning:stderr", workers.launcher.workerJar().toString());
        assertThat(command.getLast()).isEqualTo("org.concurrencylab.worker.WorkerMain");
    }

    @Test
    void theHeapIsBoundedAndTheGcChosenByTheLimits() throws Exception {
        TestWorkers small = new TestWorkers(dir, new WorkerLimits(64, false, true));
        try {
            assertThat(small.launcher.command()).contains("-Xmx64m", "-XX:+UseSerialGC");
            WorkerProcess worker = small.launcher.start();
            worker.awaitReady();
            assertThat(worker.process().info().arguments()).hasValueSatisfying(args -> assertThat(args).contains("-Xmx64m"));
        } finally {
            small.launcher.shutdown();
        }
        assertThat(new TestWorkers(dir, new WorkerLimits(256, false, false)).launcher.command())
                .contains("-Xmx256m")
                .doesNotContain("-XX:+UseSerialGC");
    }
}
