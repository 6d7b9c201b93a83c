package org.concurrencylab.workload;

/**
 * Simulated latency: the task only waits, as a call to a slow service would. The wait is a
 * blocking section (a GIL model releases its lock around it) and is interruptible, so cancel and
 * time limits end it at once.
 */
final class SleepWorkload implements Workload {

    private final long millis;

    SleepWorkload(long millis) {
        this.millis = millis;
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        context.blocking(() -> Thread.sleep(millis));
        // The checksum only proves every task ran once: it is the task's index plus one.
        return taskIndex + 1L;
    }
}
