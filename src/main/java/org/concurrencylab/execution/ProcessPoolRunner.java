package org.concurrencylab.execution;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.concurrencylab.worker.Frame;
import org.concurrencylab.worker.FrameException;
import org.concurrencylab.workload.TaskRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PROCESSES}: {@code parallelism} worker JVMs take the tasks, like Python's
 * {@code multiprocessing.Pool} with chunksize 1. Fresh workers per repetition, so one run's JIT
 * state or garbage never helps or hurts another's.
 *
 * <p>Each worker has one named server thread ({@code lab-worker-<pid>}) that owns its pipes: it
 * waits for READY, sends CONFIGURE, then takes the next task index, sends it, and waits for the
 * result, so each worker has exactly one task in flight and fast workers take more tasks.
 * Start-up (spawn to READY, the slowest worker's) is measured apart from work: the clock for
 * {@code wallNanos} starts only when every worker is ready and the first task goes out.
 *
 * <p>However the run ends (results, a failure, or an interrupt from cancel or a time limit), the
 * {@code finally} block stops every worker's process tree and joins the pipe threads before the
 * runner returns or throws.
 */
final class ProcessPoolRunner implements ModelRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessPoolRunner.class);

    // A pipe thread is blocked on a pipe that the stop has just closed, or on the start signal it
    // is interrupted out of: it ends promptly, this only bounds a surprise.
    private static final Duration PIPE_THREAD_JOIN = Duration.ofSeconds(5);

    private final WorkerLauncher workers;

    ProcessPoolRunner(WorkerLauncher workers) {
        this.workers = workers;
    }

    @Override
    public RunMeasurement run(RunPlan plan) throws InterruptedException, ExecutionFailedException {
        List<WorkerProcess> started = new ArrayList<>(plan.parallelism());
        List<Thread> pipeThreads = new ArrayList<>(plan.parallelism());
        Pool pool = new Pool(plan);
        try {
            // All JVMs are started before any READY is awaited, so their start-ups overlap.
            for (int i = 0; i < plan.parallelism(); i++) {
                // Spawning many JVMs takes a while; a cancel in the meantime should not wait for it.
                if (Thread.interrupted()) {
                    throw new InterruptedException("cancelled while starting worker JVMs");
                }
                started.add(spawn());
            }
            for (WorkerProcess worker : started) {
                pipeThreads.add(Thread.ofPlatform()
                        .name("lab-worker-" + worker.pid())
                        .start(() -> pool.serve(worker)));
            }
            await(pool.allReady);
            long firstTaskSent = System.nanoTime();
            pool.go.countDown();
            await(pool.allDone);
            long wall = pool.lastResultAt.get() - firstTaskSent;

            // A clean end: every worker is told to exit and must exit 0, or the run is not trusted.
            started.forEach(WorkerProcess::closeInput);
            for (WorkerProcess worker : started) {
                worker.awaitCleanExit();
            }
            List<Long> pids = started.stream().map(WorkerProcess::pid).toList();
            return new RunMeasurement(wall, pool.slowestStartup.get(), pool.records, pids);
        } finally {
            pool.over = true;
            workers.stop(started);
            pipeThreads.forEach(Thread::interrupt);
            joinAll(pipeThreads);
        }
    }

    private WorkerProcess spawn() throws ExecutionFailedException {
        try {
            return workers.start();
        } catch (IOException e) {
            throw new ExecutionFailedException("cannot start a worker JVM: " + e.getMessage(), e);
        }
    }

    /** Waits for a phase of the pool; the first failure of any worker ends the wait at once. */
    private static void await(CompletableFuture<Void> phase) throws InterruptedException, ExecutionFailedException {
        try {
            phase.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ExecutionFailedException failed) {
                throw failed;
            }
            throw new ExecutionFailedException("worker pool failed: " + e.getCause(), e.getCause());
        }
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

    /** What the pipe threads of one run share. */
    private static final class Pool {

        final RunPlan plan;
        final AtomicInteger nextTask = new AtomicInteger();
        final AtomicInteger notReady;
        final AtomicInteger notDone;
        final CompletableFuture<Void> allReady = new CompletableFuture<>();
        final CompletableFuture<Void> allDone = new CompletableFuture<>();
        final CountDownLatch go = new CountDownLatch(1);
        final AtomicLong slowestStartup = new AtomicLong();
        final AtomicLong lastResultAt = new AtomicLong();
        // In completion order, as RunMeasurement documents.
        final List<TaskRecord> records = Collections.synchronizedList(new ArrayList<>());
        // Set once the runner is tearing the pool down: errors after that are the teardown's own.
        volatile boolean over;

        Pool(RunPlan plan) {
            this.plan = plan;
            this.notReady = new AtomicInteger(plan.parallelism());
            this.notDone = new AtomicInteger(plan.parallelism());
        }

        /** Body of a worker's pipe thread. */
        void serve(WorkerProcess worker) {
            int index = -1;
            try {
                slowestStartup.accumulateAndGet(worker.awaitReady(), Math::max);
                worker.send(new Frame.Configure(plan.kind().id(), plan.params().values()));
                if (notReady.decrementAndGet() == 0) {
                    allReady.complete(null);
                }
                go.await();
                while ((index = nextTask.getAndIncrement()) < plan.tasks()) {
                    worker.send(new Frame.Task(index));
                    TaskRecord record = resultOf(worker.receive(), index, worker);
                    lastResultAt.accumulateAndGet(System.nanoTime(), Math::max);
                    records.add(record);
                }
                if (notDone.decrementAndGet() == 0) {
                    allDone.complete(null);
                }
            } catch (ExecutionFailedException e) {
                fail(e);
            } catch (FrameException e) {
                fail(new ExecutionFailedException("worker " + worker.pid() + " broke the protocol: " + e.getMessage(), e));
            } catch (IOException e) {
                if (!over) {
                    String what = index < 0
                            ? "died before it was ready"
                            : "died while running task " + index;
                    fail(worker.failure(what, e));
                }
            } catch (InterruptedException e) {
                // Interrupted out of waiting for the start signal: the runner is stopping the pool.
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // Never let a pipe thread die silently: the runner would wait for it forever.
                fail(new ExecutionFailedException("the pipe thread of worker " + worker.pid() + " failed: " + e, e));
            }
        }

        private static TaskRecord resultOf(Frame reply, int index, WorkerProcess worker)
                throws ExecutionFailedException, FrameException {
            return switch (reply) {
                case Frame.Result result when result.record().index() == index -> result.record();
                case Frame.Failed failed -> throw new ExecutionFailedException(
                        "task " + failed.index() + " failed: " + failed.message());
                default -> throw new FrameException(
                        "worker " + worker.pid() + " answered task " + index + " with " + reply);
            };
        }

        private void fail(ExecutionFailedException e) {
            allReady.completeExceptionally(e);
            allDone.completeExceptionally(e);
        }
    }
}
