package org.concurrencylab.workload;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * One task as it ran: monotonic start and end, the CPU time of the thread that ran it, and its
 * checksum. Made by {@link #run}, the single timing path every model uses, in-process or in a
 * worker JVM, so that all models are measured the same way.
 */
public record TaskRecord(int index, long startNanos, long endNanos, long cpuNanos, long checksum) {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public long durationNanos() {
        return endNanos - startNanos;
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
