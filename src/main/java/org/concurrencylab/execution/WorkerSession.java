package org.concurrencylab.execution;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.Observations;
import org.concurrencylab.worker.Frame;
import org.concurrencylab.worker.FrameException;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.workload.ServerLink;

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
        return runChunk(first, count, null);
    }

    /**
     * Runs a chunk as {@link #runChunk(int, int)} does, serving the calls its tasks make meanwhile on
     * {@code served} (ipc.manager's counter, ipc.queue's queue): an INCREMENT is answered with the new
     * value, a PUT is queued, a GET is answered with the next item or the end marker.
     *
     * @param served the run's served object; null when the tasks may call nothing
     */
    Frame.Results runChunk(int first, int count, ServedObject served) throws IOException, ExecutionFailedException {
        Chunk chunk = new Chunk(first, count);
        worker.send(new Frame.Tasks(first, count));
        while (true) {
            switch (worker.receive()) {
                case Frame.Results results when answers(results, chunk) -> {
                    return results;
                }
                case Frame.Failed failed -> throw worker.taskFailed(failed.index(), failed.message());
                case Frame.Increment call when served != null -> worker.send(new Frame.Incremented(served.increment()));
                case Frame.Put put when served != null -> served.put(put.id(), put.payload());
                case Frame.Get get when served != null -> worker.send(item(served));
                case Frame reply -> throw unexpected(chunk.toString(), reply);
            }
        }
    }

    private static Frame.Item item(ServedObject served) throws InterruptedIOException {
        try {
            ServerLink.Item item = served.take();
            return item == null ? new Frame.Item(Frame.Item.END, new byte[0]) : new Frame.Item(item.id(), item.payload());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the run is ending");
        }
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
