package org.concurrencylab.workload;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * One task as it ran: monotonic start and end, the CPU time of the thread that ran it, its
 * checksum, and when it was handed to the model. Made by {@link #run}, the single timing path
 * every model uses, in-process or in a worker JVM, so that all models are measured the same way.
 *
 * <p>Start minus submitted is the task's queue wait (waiting for a thread, a permit or a worker);
 * end minus start is its service time. {@code System.nanoTime} is the machine's monotonic clock
 * on Linux, so times taken in a worker JVM compare with the server's.
 *
 * @param submittedNanos when the model was given the task; equal to {@code startNanos} where
 *     nothing stamped it, which reads as no wait
 */
public record TaskRecord(int index, long startNanos, long endNanos, long cpuNanos, long checksum, long submittedNanos) {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** A record whose submission was not stamped (worker JVMs, which only see a task when it starts). */
    public TaskRecord(int index, long startNanos, long endNanos, long cpuNanos, long checksum) {
        this(index, startNanos, endNanos, cpuNanos, checksum, startNanos);
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
        return new TaskRecord(index, startNanos, endNanos, cpuNanos, checksum, nanos);
    }

    public static TaskRecord run(Workload workload, int index, TaskContext context) throws InterruptedException {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long checksum = workload.runTask(index, context);
        long end = System.nanoTime();
        long cpuEnd = THREADS.getCurrentThreadCpuTime();
        return new TaskRecord(index, start, end, Math.max(0, cpuEnd - cpuStart), checksum);
    }
}
