package org.concurrencylab.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.concurrencylab.core.Observations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker JVMs of one {@code PROCESSES} session, one {@link WorkerSlot} per unit of
 * parallelism, and the runs made on them.
 *
 * <p>During a run each slot has a named pipe thread ({@link PipeThread}) that talks to its worker;
 * what the pipe threads share is the run's {@link PoolRun}. The run reports what each worker's
 * workload observed, combined across workers by each metric's aggregation ({@link Observations#combine}), next to
 * the pool's own observations.
 *
 * <p>Start-up (spawn to READY, the slowest worker's) is measured apart from work: the clock for
 * {@code wallNanos} starts only when every worker is ready and the first chunk goes out. A run on
 * workers kept warm from an earlier run starts none and reports {@link RunMeasurement#NO_STARTUP}.
 *
 * <p>However a run ends (results, a failure, or an interrupt from cancel or a time limit), the
 * {@code finally} block stops the run's workers and joins its pipe threads before the run returns
 * or throws; only a run that succeeded and was asked to keep the pool warm leaves its workers
 * running. So a failed warm run leaves nothing behind, and the next run starts fresh workers.
 */
final class WorkerPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    // A pipe thread is blocked on a pipe that the stop has just closed, or on the start signal it
    // is interrupted out of: it ends promptly, this only bounds a surprise.
    private static final Duration PIPE_THREAD_JOIN = Duration.ofSeconds(5);

    private final WorkerLauncher launcher;
    private final RunPlan plan;
    private final List<WorkerSlot> slots;
    private boolean closed;

    WorkerPool(WorkerLauncher launcher, RunPlan plan) {
        this.launcher = launcher;
        this.plan = plan;
        this.slots = IntStream.range(0, plan.parallelism()).mapToObj(i -> new WorkerSlot()).toList();
    }

    /**
     * Runs every task of the plan once.
     *
     * @param keepWarm leave the workers running for the next run (they are stopped by {@link #close()});
     *     otherwise they are told to exit and must exit 0
     */
    synchronized RunMeasurement run(boolean keepWarm) throws InterruptedException, ExecutionFailedException {
        if (closed) {
            throw new IllegalStateException("this worker pool is closed");
        }
        PoolRun run = new PoolRun(launcher, plan, slots.size());
        List<Thread> pipeThreads = new ArrayList<>(slots.size());
        boolean cold = slots.getFirst().worker() == null;
        boolean succeeded = false;
        try {
            if (cold) {
                // All JVMs are started before any READY is awaited, so their start-ups overlap.
                for (WorkerSlot slot : slots) {
                    // Spawning many JVMs takes a while; a cancel in the meantime should not wait for it.
                    if (Thread.interrupted()) {
                        throw new InterruptedException("cancelled while starting worker JVMs");
                    }
                    slot.take(run.spawn());
                }
            } else {
                slots.forEach(slot -> run.enlist(slot.worker()));
            }
            for (WorkerSlot slot : slots) {
                pipeThreads.add(PipeThread.start(run, slot));
            }
            run.awaitAllReady();
            long firstChunkSent = run.go();
            run.awaitAllDone();

            // A clean end: every worker told to exit must exit 0, or the run is not trusted.
            for (WorkerProcess retired : run.retired()) {
                retired.awaitCleanExit();
            }
            if (!keepWarm) {
                slots.forEach(slot -> slot.worker().closeInput());
                for (WorkerSlot slot : slots) {
                    slot.worker().awaitCleanExit();
                }
            }
            succeeded = true;
            return run.measurement(firstChunkSent, cold);
        } finally {
            List<WorkerProcess> stopping = run.end(succeeded && keepWarm);
            launcher.stop(stopping);
            pipeThreads.forEach(Thread::interrupt);
            joinAll(pipeThreads);
            // Once the pipe threads have ended, so no worker is sent the region again; a warm worker
            // may still map it, which is harmless: the removed file's page goes with its last mapping.
            run.release();
            if (!(succeeded && keepWarm)) {
                slots.forEach(WorkerSlot::clear);
            }
        }
    }

    /** Stops every worker of the pool and their process trees; a later run is refused. */
    @Override
    public synchronized void close() {
        closed = true;
        launcher.stop(slots.stream().map(WorkerSlot::worker).filter(Objects::nonNull).toList());
        slots.forEach(WorkerSlot::clear);
    }

    /** Joins with a bound and keeps an interrupt on the thread: this runs while cleaning up. */
    private static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            try {
                if (!thread.join(PIPE_THREAD_JOIN)) {
                    LOG.warn("{} did not end within {} s", thread.getName(), PIPE_THREAD_JOIN.toSeconds());
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
