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
 * Simulated latency: the task only waits, as a call to a slow service would. The wait is a
 * blocking section (a GIL model releases its lock around it) and is interruptible, so cancel and
 * time limits end it at once.
 *
 * <p>On an event loop the wait is {@code await asyncio.sleep}: it hands the loop back until its
 * time comes. With {@code blocking} it is {@code time.sleep} inside a coroutine instead, the
 * classic asyncio mistake: the loop's one thread sleeps and every other task waits with it.
 *
 * @param millis how long each task waits
 * @param holdMonitor whether it waits inside a synchronized block of its own
 * @param blocking whether, on an event loop, it blocks the loop's thread instead of yielding
 */
record SleepWorkload(long millis, boolean holdMonitor, boolean blocking) implements Workload, Cooperative {

    static final Param.Int MILLIS = Param.integer("millis", "how long each task waits", "milliseconds", 50, 0, 60_000);
    static final Param.Flag HOLD_MONITOR = Param.flag("holdMonitor", "1: wait inside a synchronized block, which pins "
            + "a virtual thread's carrier on JDK 21 to 23 (see the pinnedEvents observation); 0: a plain wait", false);

    static final Param.Flag BLOCKING = Param.flag("blocking", "EVENT_LOOP only: 1 blocks the loop's thread for the "
            + "wait (time.sleep inside a coroutine) instead of yielding to the loop (await asyncio.sleep), so every "
            + "other task waits too (see loopLagMillisP99); other models block their thread either way", false);

    static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("io.sleep", WorkKind.IO)
            .description("IO-bound: each task waits millis milliseconds, like a call to a slow service. Shows that "
                    + "threads overlap waiting even when they cannot compute in parallel, and an event loop on one "
                    + "thread overlaps thousands of waits, unless a task blocks it (blocking 1).")
            .params(MILLIS, HOLD_MONITOR, BLOCKING)
            .cooperative()
            // A blocking wait on an event loop holds its one thread: the tasks' waits add up there.
            .cost(p -> new TaskCost(p.get(MILLIS), !p.get(BLOCKING)))
            .factory(p -> new SleepWorkload(p.get(MILLIS), p.get(HOLD_MONITOR), p.get(BLOCKING)))
            .build();

    /** holdMonitor has no cooperative meaning: a coroutine's frame cannot hold a monitor across an await. */
    @Override
    public CompletionStage<Long> start(int taskIndex, Loop loop) throws InterruptedException {
        long checksum = taskIndex + 1L;
        if (blocking) {
            Thread.sleep(millis);
            return CompletableFuture.completedFuture(checksum);
        }
        return loop.after(millis).thenApply(woken -> checksum);
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        if (holdMonitor) {
            // A monitor of the task's own, so nobody contends: the only effect is that a virtual
            // thread blocks while holding a monitor, which pins its carrier on JDK 21 to 23.
            Object monitor = new Object();
            synchronized (monitor) {
                context.blocking(() -> Thread.sleep(millis));
            }
        } else {
            context.blocking(() -> Thread.sleep(millis));
        }
        // The checksum only proves every task ran once: it is the task's index plus one.
        return taskIndex + 1L;
    }
}
