package org.concurrencylab.workload;

import org.concurrencylab.core.Param;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.WorkKind;
import org.concurrencylab.core.Workload;
import org.concurrencylab.core.WorkloadDefinition;

/**
 * Simulated latency: the task only waits, as a call to a slow service would. The wait is a
 * blocking section (a GIL model releases its lock around it) and is interruptible, so cancel and
 * time limits end it at once.
 *
 * @param millis how long each task waits
 * @param holdMonitor whether it waits inside a synchronized block of its own
 */
record SleepWorkload(long millis, boolean holdMonitor) implements Workload {

    static final Param.Int MILLIS = Param.integer("millis", "how long each task waits", "milliseconds", 50, 0, 60_000);
    static final Param.Flag HOLD_MONITOR = Param.flag("holdMonitor", "1: wait inside a synchronized block, which pins "
            + "a virtual thread's carrier on JDK 21 to 23 (see the pinnedEvents observation); 0: a plain wait", false);

    static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("io.sleep", WorkKind.IO)
            .description("IO-bound: each task waits millis milliseconds, like a call to a slow service. Shows that "
                    + "threads overlap waiting even when they cannot compute in parallel.")
            .params(MILLIS, HOLD_MONITOR)
            .factory(p -> new SleepWorkload(p.get(MILLIS), p.get(HOLD_MONITOR)))
            .build();

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
