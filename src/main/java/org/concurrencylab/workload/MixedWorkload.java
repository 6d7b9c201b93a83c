package org.concurrencylab.workload;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.concurrencylab.core.Cooperative;
import org.concurrencylab.core.Loop;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskCost;
import org.concurrencylab.core.WorkKind;
import org.concurrencylab.core.Workload;
import org.concurrencylab.core.WorkloadDefinition;

/**
 * Part computing, part waiting: each task runs {@code cpuMillis} worth of a serial integer kernel,
 * then waits {@code ioMillis} in a blocking section, like a request handler that parses, then
 * calls a slow service. Varying the ratio shows where each model stops scaling: threads overlap
 * the waits, only cores (or processes) overlap the computing, and a GIL overlaps only the waits.
 *
 * <p>The computing is a fixed amount of work, not a time: {@link #ITERATIONS_PER_MILLI} steps of
 * a multiply-xorshift chain per requested millisecond, so the checksum (the chain's final value,
 * seeded by the task index) is the same on every model and machine. The step count was calibrated
 * to about 1 ms on one 2026 x86 core (AMD EPYC, JDK 25); on other machines a "millisecond" of CPU
 * is longer or shorter, which the measured CPU time shows. Nothing is shared between tasks.
 *
 * <p>On an event loop the computing runs in the task's first callback, holding the loop (no
 * coroutine yields in the middle of a loop), and the wait yields: so the computing of every task
 * delays the others' starts and wake-ups, which the loop lag shows.
 *
 * @param cpuMillis computing per task, in units of {@link #ITERATIONS_PER_MILLI} steps
 * @param ioMillis waiting per task, after the computing
 */
record MixedWorkload(long cpuMillis, long ioMillis) implements Workload, Cooperative {

    static final Param.Int CPU_MILLIS = Param.integer("cpuMillis", "computing per task, in units of about 1 ms of one "
            + "core", "milliseconds", 5, 0, 1_000);
    static final Param.Int IO_MILLIS = Param.integer("ioMillis", "waiting per task, after the computing",
            "milliseconds", 5, 0, 60_000);

    static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("mixed", WorkKind.MIXED)
            .description("Part CPU-bound, part IO-bound: each task computes for about cpuMillis (a fixed amount of "
                    + "work, calibrated to 1 ms per unit on one 2026 x86 core), then waits ioMillis. Change the ratio "
                    + "to see where each model stops scaling: threads overlap the waiting, only cores or processes "
                    + "overlap the computing.")
            .params(CPU_MILLIS, IO_MILLIS)
            .cooperative()
            // Only the waiting is certain: the computing is "about" a millisecond a unit, machine by machine.
            .cost(p -> TaskCost.waiting(p.get(IO_MILLIS)))
            .factory(p -> new MixedWorkload(p.get(CPU_MILLIS), p.get(IO_MILLIS)))
            .build();

    /** Steps of the kernel per requested millisecond of computing: about 2 ns a step, measured. */
    static final long ITERATIONS_PER_MILLI = 500_000;
    // About 0.1 ms of computing between checkpoints; ITERATIONS_PER_MILLI is a multiple of it.
    private static final long ITERATIONS_PER_CHECKPOINT = 50_000;

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        long state = computeAll(taskIndex, context);
        if (ioMillis > 0) {
            context.blocking(() -> Thread.sleep(ioMillis));
        }
        return state;
    }

    @Override
    public CompletionStage<Long> start(int taskIndex, Loop loop) throws InterruptedException {
        long state = computeAll(taskIndex, TaskContext.DIRECT);
        return ioMillis > 0 ? loop.after(ioMillis).thenApply(woken -> state) : CompletableFuture.completedFuture(state);
    }

    private long computeAll(int taskIndex, TaskContext context) throws InterruptedException {
        long state = taskIndex;
        long blocks = cpuMillis * (ITERATIONS_PER_MILLI / ITERATIONS_PER_CHECKPOINT);
        for (long block = 0; block < blocks; block++) {
            state = compute(state, ITERATIONS_PER_CHECKPOINT);
            context.checkpoint();
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped after " + block + " of " + blocks + " blocks");
            }
        }
        return state;
    }

    /**
     * Each step depends on the one before (a multiply, then a shift-xor), so the CPU cannot run
     * steps in parallel and the JIT cannot fold the loop into a formula.
     */
    static long compute(long state, long steps) {
        long x = state;
        for (long i = 0; i < steps; i++) {
            x = x * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
            x ^= x >>> 31;
        }
        return x;
    }
}
