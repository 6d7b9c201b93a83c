package org.concurrencylab.execution;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.Observations;
import org.concurrencylab.worker.Frame;
import org.concurrencylab.worker.FrameException;
import org.concurrencylab.core.TaskRecord;

/**
 * The server's side of the conversation with one worker JVM, over the frames of
 * {@link org.concurrencylab.worker.Frames}: READY once, then for each run CONFIGURE (answered
 * CONFIGURED, after an ATTACH for ipc.shared), chunks of TASKS (RESULTS or FAILED) or, for ipc.pipe, PINGs (PONG), and OBSERVE
 * (OBSERVATIONS). Each request waits for its answer and checks it, so a worker never has more
 * than one request in flight and a wrong answer is a {@link FrameException} naming the request.
 *
 * <p>The worker pool's pipe threads and the AOT cache's training run both talk to workers through
 * this class. Only one thread uses a session at a time: the one that owns the worker's pipes.
 */
final class WorkerSession {

    private final WorkerProcess worker;
    private boolean ready;

    WorkerSession(WorkerProcess worker) {
        this.worker = worker;
    }

    WorkerProcess worker() {
        return worker;
    }

    /** Whether READY was read: a warm worker's start-up belongs to the run that started it. */
    boolean ready() {
        return ready;
    }

    /**
     * Reads the worker's READY frame.
     *
     * @return nanoseconds from the JVM's start to READY received
     */
    long awaitReady() throws IOException {
        long startup = worker.awaitReady();
        ready = true;
        return startup;
    }

    /**
     * Has the worker map the run's shared region for the workload the next {@link #configure}
     * builds; not answered on its own (that CONFIGURED answers both), so nothing is read here.
     */
    void attach(long owner, long token) throws IOException {
        worker.send(new Frame.Attach(owner, token));
    }

    /** Builds a fresh workload of {@code kindId} in the worker and waits until it is built. */
    void configure(String kindId, Map<String, Long> params) throws IOException {
        Frame reply = exchange(new Frame.Configure(kindId, params));
        if (!(reply instanceof Frame.Configured)) {
            throw unexpected("CONFIGURE", reply);
        }
    }

    /**
     * Runs tasks {@code first} to {@code first + count - 1} in the worker.
     *
     * @return the chunk's results, one record per task in task order
     * @throws ExecutionFailedException if a task threw; the message names the task
     */
    Frame.Results runChunk(int first, int count) throws IOException, ExecutionFailedException {
        Chunk chunk = new Chunk(first, count);
        return switch (exchange(new Frame.Tasks(first, count))) {
            case Frame.Results results when answers(results, chunk) -> results;
            case Frame.Failed failed -> throw new ExecutionFailedException(
                    "task " + failed.index() + " failed: " + failed.message());
            case Frame reply -> throw unexpected(chunk.toString(), reply);
        };
    }

    /** What the worker's workload has observed so far; no chunk may be in flight. */
    Observations observe() throws IOException {
        Frame reply = exchange(new Frame.Observe());
        if (!(reply instanceof Frame.Observations observations)) {
            throw unexpected("OBSERVE", reply);
        }
        return observations.values();
    }

    /** Sends {@code payload} and returns the worker's echo of it. */
    byte[] ping(byte[] payload) throws IOException {
        Frame reply = exchange(new Frame.Ping(payload));
        if (!(reply instanceof Frame.Pong pong)) {
            throw unexpected("PING", reply);
        }
        return pong.payload();
    }

    private Frame exchange(Frame request) throws IOException {
        worker.send(request);
        return worker.receive();
    }

    private FrameException unexpected(String request, Frame reply) {
        return new FrameException("worker " + worker.pid() + " answered " + request + " with " + reply);
    }

    private static boolean answers(Frame.Results results, Chunk chunk) {
        List<TaskRecord> records = results.records();
        if (records.size() != chunk.count()) {
            return false;
        }
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).index() != chunk.first() + i) {
                return false;
            }
        }
        return true;
    }
}
