package org.concurrencylab.execution;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Workload;
import org.concurrencylab.core.ModelOption;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.workload.Workloads;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 6, benchmark 1: what the lab adds to dispatching a trivial task, per model. Each
 * {@code <model>Runner} benchmark runs one whole repetition through the model's runner (fresh
 * workload, fresh pool, a {@code TaskRecord} per task, observations); each {@code <model>Raw*}
 * benchmark is what a user would write by hand with the same JDK construct and the same task body
 * ({@code cpu.primes} with {@code size = 1}: one trial division of a number below 1,000, tens of
 * nanoseconds), so the difference is the harness and nothing else.
 *
 * <p>The runners make a fresh pool per repetition on purpose (no run's threads serve another's
 * tasks), so the anchor the 2x target is judged against is {@code Raw}, which also makes and shuts
 * down its pool per invocation. {@code RawReused} keeps one pool for the whole trial, which shows
 * how much of either side is pool start-up.
 *
 * <p>Benchmarks marked as diagnostics are not anchors: each puts one runner ingredient (the per-task
 * {@code TaskRecord.run}, the virtual-thread cap, the JFR pinning monitor) into a raw construct, so a
 * missed target can be traced to its cause. {@link LabWall} adds the wall the runners report.
 *
 * <p>Scores are per task: one invocation runs {@value #TASKS} tasks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(DispatchOverhead.TASKS)
@Fork(2)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class DispatchOverhead {

    static final int TASKS = 1_000;
    static final int PARALLELISM = 2;

    private final RunPlan plan = trivialPlan(TASKS, PARALLELISM);

    // One registry for the trial, as the application has one: the runners add and remove their
    // pool's meters on it every repetition.
    private final InstrumentedPools pools = new InstrumentedPools(new SimpleMeterRegistry());
    private final ModelRunner sequential = new SequentialRunner();
    private final ModelRunner threads = new ThreadsRunner(pools);
    private final ModelRunner virtualThreads = new VirtualThreadsRunner();
    private final ModelRunner futures = new FuturesRunner(pools);
    private final ModelRunner forkJoin = new ForkJoinRunner(pools);
    private final ModelRunner gil = new GilRunner(pools);

    // The raw side runs the same workload function; the runners make theirs per repetition, which
    // for cpu.primes is one small object.
    private Workload workload;
    private ExecutorService fixedPool;
    private ExecutorService virtualExecutor;
    private ForkJoinPool forkJoinPool;

    /** cpu.primes at its smallest size: a task is one number's trial division, far cheaper than its dispatch. */
    static RunPlan trivialPlan(int tasks, int parallelism) {
        WorkloadDefinition primes = Workloads.byId("cpu.primes").orElseThrow();
        return new RunPlan(primes, primes.defaults().overriddenBy(Map.of("size", 1L)), tasks, parallelism);
    }

    @Setup(Level.Trial)
    public void setUp() {
        workload = plan.workload().create(plan.params());
        fixedPool = Executors.newFixedThreadPool(PARALLELISM);
        virtualExecutor = Executors.newVirtualThreadPerTaskExecutor();
        forkJoinPool = new ForkJoinPool(PARALLELISM);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fixedPool.close();
        virtualExecutor.close();
        forkJoinPool.close();
        workload.close();
    }

    /**
     * The wall time the runner itself reports (what users see as wallMillis and throughput): it
     * leaves out what a runner does before its first task and after its last (pool start and stop,
     * meters, JFR), which the benchmark's own score includes. Reported by JMH as the secondary
     * results {@code labWallNanos} and {@code labTasks}; their quotient is the lab's ns per task.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class LabWall {
        public long labWallNanos;
        public long labTasks;

        @Setup(Level.Iteration)
        public void reset() {
            labWallNanos = 0;
            labTasks = 0;
        }

        RunMeasurement add(RunMeasurement measured) {
            labWallNanos += measured.wallNanos();
            labTasks += measured.tasks().size();
            return measured;
        }
    }

    private long task(int index) throws InterruptedException {
        return workload.runTask(index, TaskContext.DIRECT);
    }

    // ---- SEQUENTIAL: a plain loop ----

    @Benchmark
    public RunMeasurement sequentialRunner(LabWall wall) throws Exception {
        return wall.add(sequential.run(plan));
    }

    @Benchmark
    public long sequentialRaw() throws InterruptedException {
        long sum = 0;
        for (int i = 0; i < TASKS; i++) {
            sum += task(i);
        }
        return sum;
    }

    // ---- THREADS: newFixedThreadPool(p).invokeAll ----

    @Benchmark
    public RunMeasurement threadsRunner(LabWall wall) throws Exception {
        return wall.add(threads.run(plan));
    }

    @Benchmark
    public long threadsRaw() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM)) {
            return invokeAllSum(pool);
        }
    }

    @Benchmark
    public long threadsRawReused() throws Exception {
        return invokeAllSum(fixedPool);
    }

    private long invokeAllSum(ExecutorService pool) throws InterruptedException, ExecutionException {
        List<Callable<Long>> tasks = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            int index = i;
            tasks.add(() -> task(index));
        }
        return sum(pool.invokeAll(tasks));
    }

    private static long sum(List<? extends Future<Long>> futures) throws InterruptedException, ExecutionException {
        long sum = 0;
        for (Future<Long> f : futures) {
            sum += f.get();
        }
        return sum;
    }

    // ---- VIRTUAL_THREADS: newVirtualThreadPerTaskExecutor submit + get ----

    @Benchmark
    public RunMeasurement virtualThreadsRunner(LabWall wall) throws Exception {
        return wall.add(virtualThreads.run(plan));
    }

    @Benchmark
    public long virtualThreadsRaw() throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            return submitAllSum(executor);
        }
    }

    /** The executor object is all that is reused: every task still gets its own virtual thread. */
    @Benchmark
    public long virtualThreadsRawReused() throws Exception {
        return submitAllSum(virtualExecutor);
    }

    private long submitAllSum(ExecutorService executor) throws InterruptedException, ExecutionException {
        List<Future<Long>> futures = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            int index = i;
            futures.add(executor.submit(() -> task(index)));
        }
        return sum(futures);
    }

    // ---- VIRTUAL_THREADS diagnostics: which of the runner's extras costs what. The runner caps running
    // tasks with a semaphore of `parallelism` permits (0 = no cap), and keeps a JFR recording open
    // while its tasks run ----

    private final RunPlan uncappedPlan = plan.withParallelism(0);

    /** The runner with parallelism 0: no semaphore, so it does what the bare executor does. */
    @Benchmark
    @Fork(1) // a diagnostic: one fork keeps the full run near 6 minutes
    public RunMeasurement virtualThreadsRunnerUncapped(LabWall wall) throws Exception {
        return wall.add(virtualThreads.run(uncappedPlan));
    }

    /** The bare executor with the runner's cap: every task past the first two parks and is unparked. */
    @Benchmark
    @Fork(1) // a diagnostic: one fork keeps the full run near 6 minutes
    public long virtualThreadsRawCapped() throws Exception {
        Semaphore cap = new Semaphore(PARALLELISM);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> futures = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                int index = i;
                futures.add(executor.submit(() -> {
                    cap.acquire();
                    try {
                        return task(index);
                    } finally {
                        cap.release();
                    }
                }));
            }
            return sum(futures);
        }
    }

    /** The pinning monitor's recording, open for the whole trial instead of per repetition. */
    @State(Scope.Benchmark)
    public static class JfrOn {
        private PinningMonitor monitor;

        @Setup(Level.Trial)
        public void start() {
            monitor = PinningMonitor.start();
        }

        @TearDown(Level.Trial)
        public void stop() {
            monitor.stop();
            monitor.close();
        }
    }

    /** The bare executor while the pinning monitor's JFR recording is open: what an open recording costs the tasks. */
    @Benchmark
    @Fork(1) // a diagnostic: one fork keeps the full run near 6 minutes
    public long virtualThreadsRawJfrOn(JfrOn jfr) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            return submitAllSum(executor);
        }
    }

    /** The bare executor with the lab's TaskRecord.run as the body: what the per-task record costs on virtual threads. */
    @Benchmark
    @Fork(1) // a diagnostic: one fork keeps the full run near 6 minutes
    public long virtualThreadsRawWithTaskRecord() throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> futures = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                int index = i;
                futures.add(executor.submit(() -> recordedTask(index)));
            }
            return sum(futures);
        }
    }

    /**
     * The runner's shape around the bare executor: a pinning monitor started just before the tasks
     * and stopped after, with the wall between (as the runner times it) recorded in LabWall, so a
     * recording that is still starting up while the tasks run shows in the lab-reported wall.
     */
    @Benchmark
    @Fork(1) // a diagnostic: one fork keeps the full run near 6 minutes
    public long virtualThreadsRawJfrPerRun(LabWall wall) throws Exception {
        try (PinningMonitor monitor = PinningMonitor.start()) {
            long start = System.nanoTime();
            long sum;
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                sum = submitAllSum(executor);
            }
            wall.labWallNanos += System.nanoTime() - start;
            wall.labTasks += TASKS;
            return sum + monitor.stop();
        }
    }

    // ---- FUTURES (stages 0): supplyAsync on a fixed pool + allOf ----

    @Benchmark
    public RunMeasurement futuresRunner(LabWall wall) throws Exception {
        return wall.add(futures.run(plan));
    }

    @Benchmark
    public long futuresRaw() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM)) {
            return supplyAllSum(pool);
        }
    }

    @Benchmark
    public long futuresRawReused() throws Exception {
        return supplyAllSum(fixedPool);
    }

    private long supplyAllSum(ExecutorService pool) throws InterruptedException, ExecutionException {
        List<CompletableFuture<Long>> all = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            int index = i;
            all.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return task(index);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        return sum(all);
    }

    // ---- FORK_JOIN (threshold 1, the default): ForkJoinPool.invoke of a RecursiveAction halving the range ----

    @Benchmark
    public RunMeasurement forkJoinRunner(LabWall wall) throws Exception {
        return wall.add(forkJoin.run(plan));
    }

    @Benchmark
    public long forkJoinRaw() {
        try (ForkJoinPool pool = new ForkJoinPool(PARALLELISM)) {
            return forkJoinSum(pool);
        }
    }

    @Benchmark
    public long forkJoinRawReused() {
        return forkJoinSum(forkJoinPool);
    }

    private long forkJoinSum(ForkJoinPool pool) {
        LongAdder sum = new LongAdder();
        pool.invoke(new Halves(0, TASKS, sum));
        return sum.sum();
    }

    /** The hand-written split: halve down to one task, as the runner's default threshold of 1 does. */
    private final class Halves extends RecursiveAction {
        private final int from;
        private final int to;
        private final transient LongAdder sum;

        Halves(int from, int to, LongAdder sum) {
            this.from = from;
            this.to = to;
            this.sum = sum;
        }

        @Override
        protected void compute() {
            if (to - from <= ModelOption.THRESHOLD.defaultValue()) {
                for (int i = from; i < to; i++) {
                    try {
                        sum.add(task(i));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return;
            }
            int middle = (from + to) >>> 1;
            invokeAll(new Halves(from, middle, sum), new Halves(middle, to, sum));
        }
    }

    // ---- GIL: no JDK construct emulates a GIL, so two anchors: the bare fixed pool above (threadsRaw,
    // what the lock costs on top of THREADS) and the same pool with one fair lock taken around each
    // task (what a user emulating a GIL by hand would write; the hand-offs are the model, not overhead) ----

    @Benchmark
    public RunMeasurement gilRunner(LabWall wall) throws Exception {
        return wall.add(gil.run(plan));
    }

    @Benchmark
    public long gilRawFairLock() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM)) {
            return fairLockSum(pool);
        }
    }

    @Benchmark
    public long gilRawFairLockReused() throws Exception {
        return fairLockSum(fixedPool);
    }

    private long fairLockSum(ExecutorService pool) throws InterruptedException, ExecutionException {
        return fairLockSum(pool, this::task);
    }

    private long fairLockSum(ExecutorService pool, TaskBody body) throws InterruptedException, ExecutionException {
        ReentrantLock lock = new ReentrantLock(true);
        List<Callable<Long>> tasks = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            int index = i;
            tasks.add(() -> {
                lock.lockInterruptibly();
                try {
                    return body.run(index);
                } finally {
                    lock.unlock();
                }
            });
        }
        return sum(pool.invokeAll(tasks));
    }

    // ---- Diagnostics, not anchors: the raw constructs with the lab's per-task TaskRecord.run as the
    // task body. If these land near their runner, the runner's own dispatch is fine and the gap is
    // TaskRecord (for GIL: TaskRecord inside the lock, which lengthens every hold) ----

    @FunctionalInterface
    private interface TaskBody {
        long run(int index) throws InterruptedException;
    }

    private long recordedTask(int index) throws InterruptedException {
        return TaskRecord.run(workload, index, TaskContext.DIRECT).checksum();
    }

    @Benchmark
    @Fork(1) // a diagnostic: one fork keeps the full run near 6 minutes
    public long threadsRawWithTaskRecord() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM)) {
            List<Callable<Long>> tasks = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                int index = i;
                tasks.add(() -> recordedTask(index));
            }
            return sum(pool.invokeAll(tasks));
        }
    }

    @Benchmark
    @Fork(1) // a diagnostic: one fork keeps the full run near 6 minutes
    public long gilRawFairLockWithTaskRecord() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM)) {
            return fairLockSum(pool, this::recordedTask);
        }
    }
}
