package org.concurrencylab.execution;

import java.io.IOException;
import org.concurrencylab.worker.Frame;
import org.concurrencylab.worker.FrameException;
import org.concurrencylab.core.TaskRecord;

/**
 * What a slot's pipe thread ({@code lab-worker-<pid>}) does during a run: it owns the slot's
 * worker's pipes, through its {@link WorkerSession}. It waits for READY the first time, sends
 * CONFIGURE (a fresh workload every run) and waits for CONFIGURED; once every slot is ready and the
 * run says go, it claims the next chunk of up to {@code chunkSize} task indexes, sends it, and
 * waits for the chunk's results, so each worker has exactly one chunk in flight and fast workers
 * take more chunks. A worker that has run {@code maxTasksPerWorker} tasks is retired before its
 * next chunk (stdin closed, so it exits) and a fresh one takes its slot, inside the run's wall
 * time, as with Pool's {@code maxtasksperchild}. Once a worker is done (no chunk left, or about
 * to be retired) it is asked for its workload's observations (OBSERVE).
 *
 * <p>ipc.pipe is the one kind whose tasks the pool runs itself: for it a claimed task is a stream
 * of messages exchanged with the worker ({@link PipeExchange}) instead of a TASKS frame.
 *
 * <p>Whatever goes wrong ends up in {@link PoolRun#fail}, worded for the user: a pipe thread never
 * dies silently, or the run would wait for it forever.
 */
final class PipeThread implements Runnable {

    private final PoolRun run;
    private final WorkerSlot slot;

    private PipeThread(PoolRun run, WorkerSlot slot) {
        this.run = run;
        this.slot = slot;
    }

    /** Starts the pipe thread of {@code slot} for {@code run}. */
    static Thread start(PoolRun run, WorkerSlot slot) {
        return Thread.ofPlatform().name(name(slot)).start(new PipeThread(run, slot));
    }

    private static String name(WorkerSlot slot) {
        return "lab-worker-" + slot.worker().pid();
    }

    @Override
    public void run() {
        String doing = "died before it was ready";
        try {
            if (!slot.session().ready()) {
                run.tally().startedUp(slot.session().awaitReady());
            }
            // Every run, warm workers too: a run gets a fresh workload, as the in-process models
            // make one per run, so no state carries over from the run before.
            doing = "died while building the workload";
            configure();
            run.slotReady();
            run.awaitGo();
            while (true) {
                boolean spent = run.spent(slot.tasksRun());
                Chunk chunk = run.claim(slot.tasksRun());
                if (chunk == null) {
                    break;
                }
                if (spent) {
                    // Only once there is work for it, so a run never starts a worker it does not use.
                    doing = "died while reporting its observations";
                    observe();
                    doing = "died before it was ready";
                    recycle();
                }
                doing = "died while running " + chunk;
                runChunk(chunk);
                slot.ran(chunk);
                doing = "died between chunks";
            }
            doing = "died while reporting its observations";
            observe();
            run.slotDone();
        } catch (ExecutionFailedException e) {
            run.fail(e);
        } catch (FrameException e) {
            run.fail(new ExecutionFailedException(
                    "worker " + slot.worker().pid() + " broke the protocol: " + e.getMessage(), e));
        } catch (IOException e) {
            if (!run.over()) {
                run.fail(slot.worker().failure(doing, e));
            }
        } catch (InterruptedException e) {
            // Interrupted out of waiting for the start signal: the run is stopping the pool.
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Never let a pipe thread die silently: the run would wait for it forever.
            run.fail(new ExecutionFailedException(
                    "the pipe thread of worker " + slot.worker().pid() + " failed: " + e, e));
        }
    }

    /** Builds the workload in the worker and waits for it, so the run's clock never counts that. */
    private void configure() throws IOException {
        long sent = System.nanoTime();
        if (run.shared() != null) {
            slot.session().attach(run.shared().owner(), run.shared().token());
        }
        slot.session().configure(run.plan().workload().id(), run.plan().params().raw());
        run.tally().configured(System.nanoTime() - sent);
    }

    /** Collects what the worker's workload observed; it has no chunk in flight. */
    private void observe() throws IOException {
        run.tally().observed(slot.session().observe());
    }

    /** Retires the slot's worker (it exits on EOF; checked at the end of the run) and starts its successor. */
    private void recycle() throws IOException, ExecutionFailedException {
        run.retire(slot.worker());
        slot.take(run.spawn());
        Thread.currentThread().setName(name(slot));
        slot.session().awaitReady();
        configure();
    }

    private void runChunk(Chunk chunk) throws IOException, ExecutionFailedException {
        if (run.pipe() != null) {
            exchangeMessages(chunk);
            return;
        }
        long sent = System.nanoTime();
        Frame.Results results = slot.session().runChunk(chunk.first(), chunk.count(), run.served());
        run.tally().resultsReceived(results, sent, System.nanoTime());
    }

    /** ipc.pipe: each task of the chunk is a stream of messages with the worker, run from here. */
    private void exchangeMessages(Chunk chunk) throws IOException {
        for (int index = chunk.first(); index < chunk.first() + chunk.count(); index++) {
            TaskRecord record = run.pipe().run(slot.session(), index, run::over);
            run.tally().messagesExchanged(record);
        }
        run.tally().chunkExchanged();
    }
}
