package org.concurrencylab.core;

/**
 * One task as it ran: monotonic start and end, its checksum, and when it was handed to the model.
 * Made by {@link #run}, the single timing path every model uses, in-process or in a worker JVM, so
 * that all models are measured the same way.
 *
 * <p>Start minus submitted is the task's queue wait (waiting for a thread, a permit or a worker);
 * end minus start is its service time. {@code System.nanoTime} is the machine's monotonic clock
 * on Linux, so times taken in a worker JVM compare with the server's.
 *
 * <p>CPU time is not taken per task: reading a thread's CPU clock is a system call (about 1 to 2
 * µs here), which would cost more than many tasks and, under the GIL model, lengthen every hold
 * of the lock. Runners read the CPU time of the threads that ran a repetition once, at its end.
 *
 * @param submittedNanos when the model was given the task; equal to {@code startNanos} where
 *     nothing stamped it, which reads as no wait
 */
public record TaskRecord(int index, long startNanos, long endNanos, long checksum, long submittedNanos) {

    /** A record whose submission was not stamped (worker JVMs, which only see a task when it starts). */
    public TaskRecord(int index, long startNanos, long endNanos, long checksum) {
        this(index, startNanos, endNanos, checksum, startNanos);
    }

    /** Service time: started to finished. */
    public long durationNanos() {
        return endNanos - startNanos;
    }

    /** Queue wait: submitted to started, never negative. */
    public long queueWaitNanos() {
        return Math.max(0, startNanos - submittedNanos);
    }

    /** The same record, handed to the model at {@code nanos}. */
    public TaskRecord submittedAt(long nanos) {
        return new TaskRecord(index, startNanos, endNanos, checksum, nanos);
    }

    public static TaskRecord run(Workload workload, int index, TaskContext context) throws InterruptedException {
        long start = System.nanoTime();
        long checksum = workload.runTask(index, context);
        long end = System.nanoTime();
        return new TaskRecord(index, start, end, checksum);
    }
}
