package org.concurrencylab.execution;

import java.util.concurrent.TimeUnit;
import org.concurrencylab.core.TaskContext;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 6, benchmark 1: CPU kernels call {@code context.checkpoint()} every 256 iterations, and
 * {@link TaskContext} promises that outside the GIL model this costs nothing. Scores are per loop
 * iteration of a 1M-iteration loop whose body is one step of a 64-bit LCG: a dependent
 * multiply-add chain the JIT can neither vectorise nor fold, so the loop cannot disappear, and its
 * result is returned to JMH (which sinks it in a Blackhole).
 *
 * <p>{@code checkpointMixedProfile} first runs the loop with a second {@link TaskContext} type (the
 * GIL's lock), as a server that has run GIL experiments has, so the JIT sees two receivers at the
 * call site instead of one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(CheckpointCost.ITERATIONS)
@Fork(2)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class CheckpointCost {

    static final int ITERATIONS = 1 << 20;

    // A field, not a constant: the JIT must not fold the chain at compile time.
    private long seed = 42;
    // Read from a field, as kernels get their context as a parameter, not a compile-time constant.
    private TaskContext context = TaskContext.DIRECT;

    @Benchmark
    public long loop() {
        return bare(seed, ITERATIONS);
    }

    @Benchmark
    public long loopWithCheckpoint() {
        return withCheckpoint(seed, ITERATIONS, context);
    }

    @Benchmark
    public long checkpointMixedProfile(MixedProfile mixed) {
        return withCheckpoint(seed, ITERATIONS, context);
    }

    /**
     * The shape of the real kernels (PrimesWorkload): every 256 iterations they also check for an
     * interrupt, so the branch is there anyway and the checkpoint only adds what is inside it.
     */
    @Benchmark
    public long kernel() throws InterruptedException {
        return kernelShape(seed, ITERATIONS, null);
    }

    @Benchmark
    public long kernelWithCheckpoint() throws InterruptedException {
        return kernelShape(seed, ITERATIONS, context);
    }

    /** Teaches the call site a second receiver type before the benchmark method is compiled. */
    @State(Scope.Benchmark)
    public static class MixedProfile {
        static volatile long sunk;

        @Setup(Level.Trial)
        public void pollute() {
            GlobalInterpreterLock gil = new GlobalInterpreterLock(1_000);
            long sink = 0;
            for (int round = 0; round < 20_000; round++) {
                // Held, as the GIL runner holds it around workload code; a checkpoint with no waiter
                // does not switch.
                try {
                    gil.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                try {
                    sink += withCheckpoint(round, 1_024, gil);
                } finally {
                    gil.release();
                }
                sink += withCheckpoint(round, 1_024, TaskContext.DIRECT);
            }
            sunk = sink;
        }
    }

    static long bare(long seed, int n) {
        long x = seed;
        for (int i = 0; i < n; i++) {
            x = x * 6364136223846793005L + i;
        }
        return x;
    }

    /** PrimesWorkload's loop with the LCG step as its body; a null context leaves the checkpoint out. */
    static long kernelShape(long seed, int n, TaskContext context) throws InterruptedException {
        long x = seed;
        for (int i = 0; i < n; i++) {
            x = x * 6364136223846793005L + i;
            if ((i & 0xFF) == 0) {
                if (context != null) {
                    context.checkpoint();
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stopped at " + i);
                }
            }
        }
        return x;
    }

    /** {@link #bare} plus the kernels' checkpoint every 256 iterations (PrimesWorkload's {@code (n & 0xFF) == 0}). */
    static long withCheckpoint(long seed, int n, TaskContext context) {
        long x = seed;
        for (int i = 0; i < n; i++) {
            x = x * 6364136223846793005L + i;
            if ((i & 0xFF) == 0) {
                context.checkpoint();
            }
        }
        return x;
    }
}
