package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.concurrencylab.worker.Frame;
import org.concurrencylab.worker.FrameException;
import org.concurrencylab.worker.Frames;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.TaskRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's side of the worker protocol, against a real worker JVM and against scripted wrong answers. */
class WorkerSessionTest {

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
    void aWorkerIsConfiguredRunsAChunkReportsAndEchoes() throws Exception {
        WorkerSession session = new WorkerSession(workers.launcher.start());

        assertThat(session.ready()).isFalse();
        assertThat(session.awaitReady()).isPositive();
        assertThat(session.ready()).isTrue();
        session.configure("cpu.montecarlo", Map.of("samples", 1_000L));
        Frame.Results results = session.runChunk(3, 2);
        Map<String, Object> observed = session.observe().plain();
        byte[] echo = session.ping(new byte[] {1, 2, 3});

        assertThat(results.records()).extracting(TaskRecord::index).containsExactly(3, 4);
        assertThat(results.cpuNanos()).isPositive();
        assertThat(observed).containsEntry("samples", 2_000L);
        assertThat(echo).containsExactly(1, 2, 3);
    }

    @Test
    void aTaskThatThrowsFailsTheChunkNamingTheTask() throws Exception {
        WorkerSession session = new WorkerSession(workers.launcher.start());
        session.awaitReady();
        // A workload the worker does not know cannot be built: every task of the chunk answers why.
        session.configure("cpu.nope", Map.of());

        assertThatThrownBy(() -> session.runChunk(2, 3))
                .isInstanceOf(ExecutionFailedException.class)
                .hasMessageStartingWith("task 2 failed: ")
                .hasMessageContaining("cpu.nope");
    }

    @Test
    void resultsForOtherTasksBreakTheProtocolNamingTheChunk() throws Exception {
        WorkerSession session = scripted(new Frame.Ready(1), new Frame.Configured(),
                new Frame.Results(1, 1, List.of(new TaskRecord(7, 0, 1, 1), new TaskRecord(8, 1, 2, 1))));
        session.awaitReady();
        session.configure("cpu.primes", Map.of("size", 10L));

        assertThatThrownBy(() -> session.runChunk(0, 2))
                .isInstanceOf(FrameException.class)
                .hasMessageStartingWith("worker " + session.worker().pid() + " answered tasks 0..1 with ");
    }

    @Test
    void anAnswerToAnotherRequestBreaksTheProtocolNamingTheRequest() throws Exception {
        WorkerSession session = scripted(new Frame.Ready(1), new Frame.Observations(Observations.NONE), new Frame.Configured());
        session.awaitReady();

        assertThatThrownBy(() -> session.configure("cpu.primes", Map.of()))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("answered CONFIGURE with");
        assertThatThrownBy(() -> session.ping(new byte[1]))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("answered PING with");
    }

    /** A session with a "worker" whose answers are written in advance, as a broken or foreign program's. */
    private static WorkerSession scripted(Frame... answers) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (Frame answer : answers) {
            Frames.write(out, answer);
        }
        Process process = new ScriptedProcess(new ByteArrayInputStream(bytes.toByteArray()));
        return new WorkerSession(new WorkerProcess(process, System.nanoTime(), Duration.ofSeconds(1), false, spawned -> {}));
    }

    private static final class ScriptedProcess extends Process {

        private final InputStream stdout;

        ScriptedProcess(InputStream stdout) {
            this.stdout = stdout;
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return stdout;
        }

        @Override
        public InputStream getErrorStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public int waitFor() {
            return 0;
        }

        @Override
        public int exitValue() {
            return 0;
        }

        @Override
        public void destroy() {}

        @Override
        public long pid() {
            return 4242;
        }
    }
}
