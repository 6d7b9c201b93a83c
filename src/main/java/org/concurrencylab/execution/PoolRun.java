package org.concurrencylab.execution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.concurrencylab.workload.SharedRegion;
import org.concurrencylab.core.ModelOption;
import org.concurrencylab.core.Observations;

/**
 * What the pipe threads of one {@link WorkerPool} run share: the next task to hand out, the
 * phases every slot passes (ready, go, done), the first failure, the workers that took part, what
 * the server holds for the run (a pipe exchange, a shared region, a served object), and what the
 * run measured ({@link PoolTally}), which it turns into the run's {@link RunMeasurement} with the
 * pool's own observations.
 */
final class PoolRun {

    private final WorkerLauncher launcher;
    private final RunPlan plan;
    private final int chunkSize;
    private final int maxTasksPerWorker;
    private final AtomicInteger nextTask = new AtomicInteger();
    private final AtomicInteger notReady;
    private final AtomicInteger notDone;
    private final CompletableFuture<Void> allReady = new CompletableFuture<>();
    private final CompletableFuture<Void> allDone = new CompletableFuture<>();
    private final CountDownLatch go = new CountDownLatch(1);
    // Every worker that took part, in the order they joined; guarded by this.
    private final List<WorkerProcess> members = new ArrayList<>();
    private final List<WorkerProcess> retired = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger started = new AtomicInteger();
    private final PoolTally tally = new PoolTally();
    // ipc.pipe only: the pool exchanges its messages itself.
    private final PipeExchange pipe;
    // ipc.shared only: the memory the run's workers share, made by the server and removed by it.
    private final SharedRegion shared;
    // ipc.manager and ipc.queue: the object the run's workers call during their chunks.
    private final ServedObject served;
    // Set once the run is tearing down: errors after that are the teardown's own.
    private volatile boolean over;

    PoolRun(WorkerLauncher launcher, RunPlan plan, int slots) throws ExecutionFailedException {
        this.launcher = launcher;
        this.plan = plan;
        this.chunkSize = Math.max(1, plan.options().get(ModelOption.CHUNK_SIZE));
        this.maxTasksPerWorker = Math.max(0, plan.options().get(ModelOption.MAX_TASKS_PER_WORKER));
        this.notReady = new AtomicInteger(slots);
        this.notDone = new AtomicInteger(slots);
        this.pipe = plan.workload().runsInWorker() ? null : new PipeExchange(plan.params());
        this.served = ServedObject.forPlan(plan);
        try {
            this.shared = SharedRegion.neededBy(plan.workload()) ? SharedRegion.create() : null;
        } catch (UncheckedIOException e) {
            throw new ExecutionFailedException(e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
    }

    /** The run's shared region for ipc.shared, or null. */
    SharedRegion shared() {
        return shared;
    }

    /** The object the run's workers call (ipc.manager, ipc.queue), or null. */
    ServedObject served() {
        return served;
    }

    /** Removes what the server made for the run (shared region, served object); called however the run ends. */
    void release() {
        if (shared != null) {
            shared.close();
        }
        if (served != null) {
            served.close();
        }
    }

    RunPlan plan() {
        return plan;
    }

    /** The run's message exchange for ipc.pipe, or null: every other kind runs TASKS in its workers. */
    PipeExchange pipe() {
        return pipe;
    }

    boolean over() {
        return over;
    }

    synchronized void enlist(WorkerProcess worker) {
        members.add(worker);
    }

    /** Starts a worker for this run, unless the run is ending: then nothing new may start. */
    synchronized WorkerProcess spawn() throws ExecutionFailedException {
        if (over) {
            throw new ExecutionFailedException("the run is ending: no new worker JVMs");
        }
        try {
            WorkerProcess worker = launcher.start(plan.workload(), plan.options().get(ModelOption.AOT_CACHE),
                    plan.timeLimitSeconds());
            members.add(worker);
            started.incrementAndGet();
            return worker;
        } catch (IOException e) {
            throw new ExecutionFailedException("cannot start a worker JVM: " + e.getMessage(), e);
        }
    }

    /** Ends the run: no worker starts after this. Returns the workers to stop now. */
    synchronized List<WorkerProcess> end(boolean keepWarm) {
        over = true;
        return keepWarm ? List.copyOf(retired) : List.copyOf(members);
    }

    /** The workers retired during the run: each was told to exit and must exit 0. */
    List<WorkerProcess> retired() {
        return List.copyOf(retired);
    }

    // The run's phases, in order: every slot ready, go, every slot done.

    void slotReady() {
        if (notReady.decrementAndGet() == 0) {
            allReady.complete(null);
        }
    }

    void awaitAllReady() throws InterruptedException, ExecutionFailedException {
        await(allReady);
    }

    /** Lets every pipe thread send its first chunk; the run's clock starts now. */
    long go() {
        long firstChunkSent = System.nanoTime();
        go.countDown();
        return firstChunkSent;
    }

    void awaitGo() throws InterruptedException {
        go.await();
    }

    void slotDone() {
        if (notDone.decrementAndGet() == 0) {
            allDone.complete(null);
        }
    }

    void awaitAllDone() throws InterruptedException, ExecutionFailedException {
        await(allDone);
    }

    /** The first failure of any worker ends the run's waits at once. */
    void fail(ExecutionFailedException e) {
        allReady.completeExceptionally(e);
        allDone.completeExceptionally(e);
    }

    // What the pipe threads hand out.

    /** Whether a worker that has run {@code tasksRun} tasks is retired before its next chunk. */
    boolean spent(int tasksRun) {
        return maxTasksPerWorker > 0 && tasksRun >= maxTasksPerWorker;
    }

    /**
     * The next chunk for a worker that has run {@code tasksRun} tasks (for its successor if it is
     * spent), fewer tasks at the end, or null when every task is taken.
     */
    Chunk claim(int tasksRun) {
        int quota = maxTasksPerWorker == 0 ? chunkSize : maxTasksPerWorker - (spent(tasksRun) ? 0 : tasksRun);
        int want = Math.min(chunkSize, quota);
        while (true) {
            int first = nextTask.get();
            if (first >= plan.tasks()) {
                return null;
            }
            int count = Math.min(want, plan.tasks() - first);
            if (nextTask.compareAndSet(first, first + count)) {
                return new Chunk(first, count);
            }
        }
    }

    /** Retires a spent worker: its stdin is closed, and its exit checked when the run ends. */
    void retire(WorkerProcess spent) {
        spent.closeInput();
        retired.add(spent);
    }

    /** What the pipe threads measure during the run. */
    PoolTally tally() {
        return tally;
    }

    /** What the run measured, once every slot is done; the clock started at {@code firstChunkSent}. */
    RunMeasurement measurement(long firstChunkSent, boolean cold) {
        long wall = tally.wallNanos(firstChunkSent);
        Observations workload = tally.workloadObservations();
        if (shared != null) {
            // The final count, which only the server can read once every worker has finished.
            workload = workload.with(shared.observed());
        }
        if (served != null) {
            workload = workload.with(served.observations(wall));
        }
        Observations observations = poolObservations().with(plan.workload().derive().apply(workload));
        if (pipe != null) {
            observations = observations.with(pipe.observations(wall));
        }
        return new RunMeasurement(
                wall,
                cold ? tally.slowestStartup() : RunMeasurement.NO_STARTUP,
                // ipc.pipe's work is the pipes' and the other JVM's: no task thread's CPU time to read.
                pipe != null ? RunMeasurement.NOT_MEASURED : tally.cpuNanos(),
                tally.records(firstChunkSent),
                pids(),
                observations);
    }

    private synchronized List<Long> pids() {
        return members.stream().map(WorkerProcess::pid).toList();
    }

    /** The pool's observations ({@link PoolTally#poolObservations}), from the workers that took part. */
    private synchronized Observations poolObservations() {
        return tally.poolObservations(started.get(), retired.size(), members.stream().allMatch(WorkerProcess::aotCache),
                pipe == null, plan.tasks());
    }

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
}
