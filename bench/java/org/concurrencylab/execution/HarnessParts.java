package org.concurrencylab.execution;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Workload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where {@link DispatchOverhead}'s runner-over-raw time goes: the pieces a runner adds, each alone.
 * Per task: {@code TaskRecord.run} (two {@code nanoTime}, one record; the CPU clock is read per thread per run since)
 * against the bare workload call, and one CPU-clock read alone. Per repetition (divide by the
 * task count to compare with a per-task score): the JFR pinning monitor of VIRTUAL_THREADS, the
 * Micrometer pool meters added and removed, and a fixed pool made and stopped.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// One fork: these explain DispatchOverhead rather than gate anything, and keep the run short.
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class HarnessParts {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final RunPlan plan = DispatchOverhead.trivialPlan(DispatchOverhead.TASKS, DispatchOverhead.PARALLELISM);
    private final InstrumentedPools pools = new InstrumentedPools(new SimpleMeterRegistry());
    private Workload workload;
    private int index;

    @Setup(Level.Trial)
    public void setUp() {
        workload = plan.workload().create(plan.params());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workload.close();
    }

    /** Walks the same 1,000 task indices as a repetition, so the work per call matches. */
    private int nextIndex() {
        int i = index;
        index = i + 1 == DispatchOverhead.TASKS ? 0 : i + 1;
        return i;
    }

    // ---- per task ----

    @Benchmark
    public long taskDirect() throws InterruptedException {
        return workload.runTask(nextIndex(), TaskContext.DIRECT);
    }

    @Benchmark
    public TaskRecord taskRecordRun() throws InterruptedException {
        return TaskRecord.run(workload, nextIndex(), TaskContext.DIRECT);
    }

    @Benchmark
    public long threadCpuTime() {
        return THREADS.getCurrentThreadCpuTime();
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    // ---- per repetition ----

    @Benchmark
    public long pinningMonitor() {
        try (PinningMonitor monitor = PinningMonitor.start()) {
            return monitor.stop();
        }
    }

    @Benchmark
    public void poolMeters() {
        // A ThreadPoolExecutor, as the runners' pools are: Micrometer cannot unwrap a single-thread
        // executor's delegate and would log that on every call.
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            // Only the wrapping and the meters: the pool itself never starts a thread here.
            pools.monitor(pool, ThreadsRunner.POOL_NAME);
        } finally {
            pools.forget(ThreadsRunner.POOL_NAME);
            pool.shutdownNow();
        }
    }

    @Benchmark
    public void fixedPoolStartStop() {
        ExecutorService pool = Executors.newFixedThreadPool(DispatchOverhead.PARALLELISM);
        // Start both threads, as a repetition does, without measuring any task.
        for (int i = 0; i < DispatchOverhead.PARALLELISM; i++) {
            pool.execute(() -> {});
        }
        PoolShutdown.stop(pool, "bench");
    }
}
