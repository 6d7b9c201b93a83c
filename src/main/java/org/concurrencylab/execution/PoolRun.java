package org.concurrencylab.execution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.concurrencylab.worker.Frame;
import org.concurrencylab.workload.LatencyHistogram;
import org.concurrencylab.workload.SharedRegion;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.ModelOption;
import org.concurrencylab.core.Observations;

/**
 * What the pipe threads of one {@link WorkerPool} run share: the next task to hand out, the
 * phases every slot passes (ready, go, done), the first failure, the workers that took part, and
 * what the run measured, which it turns into the run's {@link RunMeasurement} with the pool's own
 * observations.
 */
final class PoolRun {

    // The observations the pool adds to every run, whatever the workload.
    static final Metric.Count WORKERS_STARTED = Metric.count("workersStarted", "workers", Aggregation.SUM,
            "worker JVMs started for this run");
    static final Metric.Count WORKERS_RECYCLED = Metric.count("workersRecycled", "workers", Aggregation.SUM,
            "workers replaced after maxTasksPerWorker tasks");
    static final Metric.Count CHUNKS = Metric.count("chunks", "messages", Aggregation.SUM, "chunks of tasks sent");
    static final Metric.Real DISPATCH_OVERHEAD = Metric.real("dispatchOverheadMicrosPerTask", "microseconds",
            Aggregation.MEAN, "wall time per task spent outside the workload: pipes, framing, hand-over");
    static final Metric.Real PIPE_ROUND_TRIP = Metric.real("pipeRoundTripMicrosP50", "microseconds", Aggregation.MAX,
            "median pipe round trip of a chunk, without the worker's own time");
    static final Metric.Real CONFIGURE_MAX = Metric.real("configureMillisMax", "milliseconds", Aggregation.MAX,
            "the slowest worker's build of the workload, before the clock starts");
    static final Metric.Flag AOT_CACHE = Metric.flag("aotCache", "whether every worker started from the AOT cache");

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
    private final AtomicLong slowestStartup = new AtomicLong();
    // Building the workload in a worker happens before the clock starts, so neither wall time
    // nor start-up shows it; reported on its own so that a slow CONFIGURE is not hidden.
    private final AtomicLong slowestConfigure = new AtomicLong();
    private final AtomicLong lastResultAt = new AtomicLong();
    // In completion order, as RunMeasurement documents.
    private final List<TaskRecord> records = Collections.synchronizedList(new ArrayList<>());
    // Every worker that took part, in the order they joined; guarded by this.
    private final List<WorkerProcess> members = new ArrayList<>();
    private final List<WorkerProcess> retired = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger started = new AtomicInteger();
    private final LongAdder chunks = new LongAdder();
    private final LongAdder overheadNanos = new LongAdder();
    private final LongAdder cpuNanos = new LongAdder();
    // Guarded by itself.
    private final LatencyHistogram pipeNanos = new LatencyHistogram();
    // What each worker's workload observed, one map per worker that took part.
    private final List<Observations> workloadObservations = Collections.synchronizedList(new ArrayList<>());
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
            WorkerProcess worker = launcher.start(plan.options().get(ModelOption.AOT_CACHE));
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

    void startedUp(long startupNanos) {
        slowestStartup.accumulateAndGet(startupNanos, Math::max);
    }

    void configured(long nanos) {
        slowestConfigure.accumulateAndGet(nanos, Math::max);
    }

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

    // What the pipe threads hand out and bring back.

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

    /** A chunk's results, sent at {@code sent} and received at {@code received}. */
    void resultsReceived(Frame.Results results, long sent, long received) {
        long roundTrip = received - sent;
        long work = results.records().stream().mapToLong(TaskRecord::durationNanos).sum();
        overheadNanos.add(roundTrip - work);
        cpuNanos.add(results.cpuNanos());
        synchronized (pipeNanos) {
            pipeNanos.record(roundTrip - results.busyNanos());
        }
        chunks.increment();
        lastResultAt.accumulateAndGet(received, Math::max);
        records.addAll(results.records());
    }

    /** ipc.pipe: one task's stream of messages has ended. */
    void messagesExchanged(TaskRecord record) {
        lastResultAt.accumulateAndGet(record.endNanos(), Math::max);
        records.add(record);
    }

    /** ipc.pipe: every task of a chunk has ended. */
    void chunkExchanged() {
        chunks.increment();
    }

    void observed(Observations observations) {
        workloadObservations.add(observations);
    }

    /** What the run measured, once every slot is done; the clock started at {@code firstChunkSent}. */
    RunMeasurement measurement(long firstChunkSent, boolean cold) {
        long wall = records.isEmpty() ? 0 : lastResultAt.get() - firstChunkSent;
        Observations workload = Observations.combine(workloadObservations);
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
        // Every task is queued for the pool when the first chunk goes out; a worker's clock
        // (CLOCK_MONOTONIC) is the server's, so its start times compare with this.
        List<TaskRecord> stamped = records.stream().map(r -> r.submittedAt(firstChunkSent)).toList();
        return new RunMeasurement(
                wall,
                cold ? slowestStartup.get() : RunMeasurement.NO_STARTUP,
                // ipc.pipe's work is the pipes' and the other JVM's: no task thread's CPU time to read.
                pipe != null ? RunMeasurement.NOT_MEASURED : cpuNanos.sum(),
                stamped,
                pids(),
                observations);
    }

    private synchronized List<Long> pids() {
        return members.stream().map(WorkerProcess::pid).toList();
    }

    /**
     * The pool's side of the run: how many workers it started and recycled, how many chunks
     * it sent, the wall time per task spent outside the workload (pipes, framing, hand-over to
     * the worker's task thread), the median pipe round trip of a chunk without the worker's
     * own time, the slowest workload build (CONFIGURE to CONFIGURED, outside the clock), and
     * whether every worker started from the AOT cache.
     */
    private synchronized Observations poolObservations() {
        Observations.Builder observations = Observations.builder()
                .put(WORKERS_STARTED, started.get())
                .put(WORKERS_RECYCLED, retired.size())
                .put(CONFIGURE_MAX, millis(slowestConfigure.get()))
                .put(AOT_CACHE, members.stream().allMatch(WorkerProcess::aotCache));
        // ipc.pipe sends no chunks of tasks: its round trips are its own observations, not the pool's.
        if (pipe == null) {
            observations.put(CHUNKS, chunks.sum())
                    .put(DISPATCH_OVERHEAD, micros(overheadNanos.sum() / (double) plan.tasks()));
            synchronized (pipeNanos) {
                observations.put(PIPE_ROUND_TRIP, micros(pipeNanos.percentile(50)));
            }
        }
        return observations.build();
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

    /** Nanoseconds as microseconds with two decimals: finer is noise. */
    private static double micros(double nanos) {
        return Math.round(nanos / 10.0) / 100.0;
    }

    /** Nanoseconds as milliseconds to the microsecond, so that a quick build never reads as 0. */
    private static double millis(double nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
