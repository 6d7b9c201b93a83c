package org.concurrencylab.workload;

/**
 * Simulated latency: the task only waits, as a call to a slow service would. The wait is a
 * blocking section (a GIL model releases its lock around it) and is interruptible, so cancel and
 * time limits end it at once.
 */
final class SleepWorkload implements Workload {

    private final long millis;
    private final boolean holdMonitor;

    SleepWorkload(long millis, boolean holdMonitor) {
        this.millis = millis;
        this.holdMonitor = holdMonitor;
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
