package org.concurrencylab.execution;

import java.io.IOException;
import java.time.Duration;
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
import java.util.stream.IntStream;
import org.concurrencylab.worker.Frame;
import org.concurrencylab.worker.FrameException;
import org.concurrencylab.workload.LatencyHistogram;
import org.concurrencylab.workload.TaskRecord;
import org.concurrencylab.workload.WorkloadKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker JVMs of one {@code PROCESSES} session, one slot per unit of parallelism, and the
 * runs made on them.
 *
 * <p>During a run each slot has a named pipe thread ({@code lab-worker-<pid>}) that owns its
 * worker's pipes: it waits for READY the first time, sends CONFIGURE (a fresh workload every run)
 * and waits for CONFIGURED; then it claims the next
 * chunk of up to {@code chunkSize} task indexes, sends it, and waits for the chunk's results, so
 * each worker has exactly one chunk in flight and fast workers take more chunks. A worker that
 * has run {@code maxTasksPerWorker} tasks is retired before its next chunk (stdin closed, so it
 * exits) and a fresh one takes its slot, inside the run's wall time, as with Pool's
 * {@code maxtasksperchild}. Once a worker is done (no chunk left, or about to be retired) the pipe
 * thread asks it for its workload's observations (OBSERVE); the run reports them combined across
 * workers by {@link WorkloadKind#combineObservations}, next to the pool's own.
 *
 * <p>ipc.pipe is the one kind whose tasks the pool runs itself: for it a claimed task is a stream
 * of messages exchanged with the worker ({@link PipeExchange}) instead of a TASKS frame, so the
 * lab gets the same slots, start-up, recycling and teardown as every other kind.
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

    /** The observations the pool adds to every run, whatever the workload. */
    static final List<String> POOL_OBSERVATIONS = List.of("workersStarted", "workersRecycled", "chunks",
            "dispatchOverheadMicrosPerTask", "pipeRoundTripMicrosP50", "configureMillisMax", "aotCache");

    private final WorkerLauncher launcher;
    private final RunPlan plan;
    private final int chunkSize;
    private final int maxTasksPerWorker;
    private final List<Slot> slots;
    private boolean closed;

    WorkerPool(WorkerLauncher launcher, RunPlan plan) {
        this.launcher = launcher;
        this.plan = plan;
        this.chunkSize = Math.max(1, plan.options().chunkSize());
        this.maxTasksPerWorker = Math.max(0, plan.options().maxTasksPerWorker());
        this.slots = IntStream.range(0, plan.parallelism()).mapToObj(i -> new Slot()).toList();
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
        Run run = new Run();
        List<Thread> pipeThreads = new ArrayList<>(slots.size());
        boolean cold = slots.getFirst().worker == null;
        boolean succeeded = false;
        try {
            if (cold) {
                // All JVMs are started before any READY is awaited, so their start-ups overlap.
                for (Slot slot : slots) {
                    // Spawning many JVMs takes a while; a cancel in the meantime should not wait for it.
                    if (Thread.interrupted()) {
                        throw new InterruptedException("cancelled while starting worker JVMs");
                    }
                    slot.take(run.spawn());
                }
            } else {
                slots.forEach(slot -> run.enlist(slot.worker));
            }
            for (Slot slot : slots) {
                pipeThreads.add(Thread.ofPlatform()
                        .name("lab-worker-" + slot.worker.pid())
                        .start(() -> run.serve(slot)));
            }
            await(run.allReady);
            long firstChunkSent = System.nanoTime();
            run.go.countDown();
            await(run.allDone);
            long wall = run.records.isEmpty() ? 0 : run.lastResultAt.get() - firstChunkSent;

            // A clean end: every worker told to exit must exit 0, or the run is not trusted.
            for (WorkerProcess retired : run.retired) {
                retired.awaitCleanExit();
            }
            if (!keepWarm) {
                slots.forEach(slot -> slot.worker.closeInput());
                for (Slot slot : slots) {
                    slot.worker.awaitCleanExit();
                }
            }
            succeeded = true;
            Map<String, Object> observations = new LinkedHashMap<>(run.observations());
            observations.putAll(plan.kind().combineObservations(run.workloadObservations));
            if (run.pipe != null) {
                observations.putAll(run.pipe.observations(wall));
            }
            // Every task is queued for the pool when the first chunk goes out; a worker's clock
            // (CLOCK_MONOTONIC) is the server's, so its start times compare with this.
            List<TaskRecord> stamped = run.records.stream().map(r -> r.submittedAt(firstChunkSent)).toList();
            return new RunMeasurement(
                    wall,
                    cold ? run.slowestStartup.get() : RunMeasurement.NO_STARTUP,
                    run.cpuNanos.sum(),
                    stamped,
                    run.pids(),
                    observations);
        } finally {
            List<WorkerProcess> stopping = run.end(succeeded && keepWarm);
            launcher.stop(stopping);
            pipeThreads.forEach(Thread::interrupt);
            joinAll(pipeThreads);
            if (!(succeeded && keepWarm)) {
                slots.forEach(Slot::clear);
            }
        }
    }

    /** Stops every worker of the pool and their process trees; a later run is refused. */
    @Override
    public synchronized void close() {
        closed = true;
        launcher.stop(slots.stream().filter(slot -> slot.worker != null).map(slot -> slot.worker).toList());
        slots.forEach(Slot::clear);
    }

    /** Waits for a phase of the run; the first failure of any worker ends the wait at once. */
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

    /**
     * One place in the pool and the worker in it. Written by the run's thread between runs and by
     * the slot's pipe thread during a run; thread start and join order the two.
     */
    private static final class Slot {

        WorkerProcess worker;
        // Its READY was read: a warm worker's start-up belongs to the run that started it.
        boolean ready;
        int tasksRun;

        void take(WorkerProcess fresh) {
            worker = fresh;
            ready = false;
            tasksRun = 0;
        }

        void clear() {
            take(null);
        }
    }

    /** A chunk of consecutive task indexes. */
    private record Chunk(int first, int count) {
        @Override
        public String toString() {
            return count == 1 ? "task " + first : "tasks " + first + ".." + (first + count - 1);
        }
    }

    /** What the pipe threads of one run share. */
    private final class Run {

        final AtomicInteger nextTask = new AtomicInteger();
        final AtomicInteger notReady = new AtomicInteger(slots.size());
        final AtomicInteger notDone = new AtomicInteger(slots.size());
        final CompletableFuture<Void> allReady = new CompletableFuture<>();
        final CompletableFuture<Void> allDone = new CompletableFuture<>();
        final CountDownLatch go = new CountDownLatch(1);
        final AtomicLong slowestStartup = new AtomicLong();
        // Building the workload in a worker happens before the clock starts, so neither wall time
        // nor start-up shows it; reported on its own so that a slow CONFIGURE is not hidden.
        final AtomicLong slowestConfigure = new AtomicLong();
        final AtomicLong lastResultAt = new AtomicLong();
        // In completion order, as RunMeasurement documents.
        final List<TaskRecord> records = Collections.synchronizedList(new ArrayList<>());
        // Every worker that took part, in the order they joined; guarded by this.
        final List<WorkerProcess> members = new ArrayList<>();
        final List<WorkerProcess> retired = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger started = new AtomicInteger();
        final LongAdder chunks = new LongAdder();
        final LongAdder overheadNanos = new LongAdder();
        final LongAdder cpuNanos = new LongAdder();
        // Guarded by itself.
        final LatencyHistogram pipeNanos = new LatencyHistogram();
        // What each worker's workload observed, one map per worker that took part.
        final List<Map<String, Object>> workloadObservations = Collections.synchronizedList(new ArrayList<>());
        // ipc.pipe only: the pool exchanges its messages itself.
        final PipeExchange pipe = plan.kind() == WorkloadKind.IPC_PIPE ? new PipeExchange(plan.params()) : null;
        // Set once the run is tearing down: errors after that are the teardown's own.
        volatile boolean over;

        synchronized void enlist(WorkerProcess worker) {
            members.add(worker);
        }

        /** Starts a worker for this run, unless the run is ending: then nothing new may start. */
        synchronized WorkerProcess spawn() throws ExecutionFailedException {
            if (over) {
                throw new ExecutionFailedException("the run is ending: no new worker JVMs");
            }
            try {
                WorkerProcess worker = launcher.start(plan.options().aotCache());
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

        synchronized List<Long> pids() {
            return members.stream().map(WorkerProcess::pid).toList();
        }

        /** Body of a slot's pipe thread. */
        void serve(Slot slot) {
            String doing = "died before it was ready";
            try {
                if (!slot.ready) {
                    slowestStartup.accumulateAndGet(slot.worker.awaitReady(), Math::max);
                    slot.ready = true;
                }
                // Every run, warm workers too: a run gets a fresh workload, as the in-process models
                // make one per run, so no state carries over from the run before.
                doing = "died while building the workload";
                configure(slot);
                if (notReady.decrementAndGet() == 0) {
                    allReady.complete(null);
                }
                go.await();
                while (true) {
                    boolean spent = maxTasksPerWorker > 0 && slot.tasksRun >= maxTasksPerWorker;
                    int quota = maxTasksPerWorker == 0 ? chunkSize : maxTasksPerWorker - (spent ? 0 : slot.tasksRun);
                    Chunk chunk = claim(Math.min(chunkSize, quota));
                    if (chunk == null) {
                        break;
                    }
                    if (spent) {
                        // Only once there is work for it, so a run never starts a worker it does not use.
                        doing = "died while reporting its observations";
                        observe(slot.worker);
                        doing = "died before it was ready";
                        recycle(slot);
                    }
                    doing = "died while running " + chunk;
                    runChunk(slot.worker, chunk);
                    slot.tasksRun += chunk.count();
                    doing = "died between chunks";
                }
                doing = "died while reporting its observations";
                observe(slot.worker);
                if (notDone.decrementAndGet() == 0) {
                    allDone.complete(null);
                }
            } catch (ExecutionFailedException e) {
                fail(e);
            } catch (FrameException e) {
                fail(new ExecutionFailedException(
                        "worker " + slot.worker.pid() + " broke the protocol: " + e.getMessage(), e));
            } catch (IOException e) {
                if (!over) {
                    fail(slot.worker.failure(doing, e));
                }
            } catch (InterruptedException e) {
                // Interrupted out of waiting for the start signal: the run is stopping the pool.
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // Never let a pipe thread die silently: the run would wait for it forever.
                fail(new ExecutionFailedException(
                        "the pipe thread of worker " + slot.worker.pid() + " failed: " + e, e));
            }
        }

        /** Builds the workload in the worker and waits for it, so the run's clock never counts that. */
        private void configure(Slot slot) throws IOException {
            long sent = System.nanoTime();
            slot.worker.send(new Frame.Configure(plan.kind().id(), plan.params().values()));
            Frame reply = slot.worker.receive();
            slowestConfigure.accumulateAndGet(System.nanoTime() - sent, Math::max);
            if (!(reply instanceof Frame.Configured)) {
                throw new FrameException("worker " + slot.worker.pid() + " answered CONFIGURE with " + reply);
            }
        }

        /** Collects what the worker's workload observed; it has no chunk in flight. */
        private void observe(WorkerProcess worker) throws IOException {
            worker.send(new Frame.Observe());
            Frame reply = worker.receive();
            if (!(reply instanceof Frame.Observations observations)) {
                throw new FrameException("worker " + worker.pid() + " answered OBSERVE with " + reply);
            }
            workloadObservations.add(observations.values());
        }

        /** The next {@code want} task indexes, fewer at the end, or null when every task is taken. */
        private Chunk claim(int want) {
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

        /** Retires the slot's worker (it exits on EOF; checked at the end of the run) and starts its successor. */
        private void recycle(Slot slot) throws IOException, ExecutionFailedException {
            WorkerProcess spent = slot.worker;
            spent.closeInput();
            retired.add(spent);
            slot.take(spawn());
            Thread.currentThread().setName("lab-worker-" + slot.worker.pid());
            slot.worker.awaitReady();
            slot.ready = true;
            configure(slot);
        }

        private void runChunk(WorkerProcess worker, Chunk chunk) throws IOException, ExecutionFailedException {
            if (pipe != null) {
                exchangeMessages(worker, chunk);
                return;
            }
            long sent = System.nanoTime();
            worker.send(new Frame.Tasks(chunk.first(), chunk.count()));
            Frame reply = worker.receive();
            long received = System.nanoTime();
            Frame.Results results = resultsOf(reply, chunk, worker);
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

        /** ipc.pipe: each task of the chunk is a stream of messages with the worker, run from here. */
        private void exchangeMessages(WorkerProcess worker, Chunk chunk) throws IOException {
            for (int index = chunk.first(); index < chunk.first() + chunk.count(); index++) {
                TaskRecord record = pipe.run(worker, index, () -> over);
                lastResultAt.accumulateAndGet(record.endNanos(), Math::max);
                records.add(record);
            }
            chunks.increment();
        }

        private static Frame.Results resultsOf(Frame reply, Chunk chunk, WorkerProcess worker)
                throws ExecutionFailedException, FrameException {
            return switch (reply) {
                case Frame.Results results when answers(results, chunk) -> results;
                case Frame.Failed failed -> throw new ExecutionFailedException(
                        "task " + failed.index() + " failed: " + failed.message());
                default -> throw new FrameException("worker " + worker.pid() + " answered " + chunk + " with " + reply);
            };
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

        private void fail(ExecutionFailedException e) {
            allReady.completeExceptionally(e);
            allDone.completeExceptionally(e);
        }

        /**
         * The pool's side of the run: how many workers it started and recycled, how many chunks
         * it sent, the wall time per task spent outside the workload (pipes, framing, hand-over to
         * the worker's task thread), the median pipe round trip of a chunk without the worker's
         * own time, the slowest workload build (CONFIGURE to CONFIGURED, outside the clock), and
         * whether every worker started from the AOT cache.
         */
        synchronized Map<String, Object> observations() {
            Map<String, Object> observations = new LinkedHashMap<>();
            observations.put("workersStarted", started.get());
            observations.put("workersRecycled", retired.size());
            observations.put("chunks", chunks.sum());
            observations.put("dispatchOverheadMicrosPerTask", micros(overheadNanos.sum() / (double) plan.tasks()));
            synchronized (pipeNanos) {
                observations.put("pipeRoundTripMicrosP50", micros(pipeNanos.percentile(50)));
            }
            observations.put("configureMillisMax", millis(slowestConfigure.get()));
            observations.put("aotCache", members.stream().allMatch(WorkerProcess::aotCache));
            return observations;
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
