package org.concurrencylab.execution;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/**
 * CPU time of the threads that ran a repetition, read once per thread at the end of the run rather
 * than twice per task: a thread CPU clock read is a system call (1 to 2 µs here), which would cost
 * more than many tasks and, under the GIL model, would lengthen every hold of the lock.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String CARRIER_CLASS = "jdk.internal.misc.CarrierThread";

    private ThreadCpu() {}

    /** The calling platform thread's CPU time so far. */
    static long currentThread() {
        return Math.max(0, THREADS.getCurrentThreadCpuTime());
    }

    /** The CPU time so far of live threads, summed; a thread that already ended adds nothing. */
    static long of(Collection<Thread> threads) {
        long sum = 0;
        for (Thread thread : threads) {
            sum += Math.max(0, THREADS.getThreadCpuTime(thread.threadId()));
        }
        return sum;
    }

    /** A thread factory that remembers the threads it made, so that their CPU time can be read before they end. */
    static final class Recording implements ThreadFactory {

        private final ThreadFactory factory;
        private final List<Thread> threads = new CopyOnWriteArrayList<>();

        Recording(ThreadFactory factory) {
            this.factory = factory;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = factory.newThread(task);
            threads.add(thread);
            return thread;
        }

        /** CPU time of every thread made so far; read while the pool is still up. */
        long cpuNanos() {
            return of(threads);
        }
    }

    /**
     * The carriers of virtual threads: a virtual thread has no CPU clock of its own (the JDK answers
     * -1), so the CPU virtual threads use is read from the platform threads that carry them. Taken
     * before and after a run, the difference is what virtual threads used meanwhile: the run's,
     * and any other virtual thread's of this JVM at the same time (there are few when one experiment
     * runs at a time).
     */
    static Map<Long, Long> carriers() {
        Map<Long, Long> cpu = new HashMap<>();
        for (Thread thread : knownCarriers()) {
            cpu.put(thread.threadId(), Math.max(0, THREADS.getThreadCpuTime(thread.threadId())));
        }
        return cpu;
    }

    private static volatile List<Thread> carriers = List.of();
    private static volatile long platformThreadsStartedAtLastLook = -1;

    /**
     * The carrier threads, looked up again only when a platform thread started since the last look
     * (carriers are platform threads; virtual threads do not count as started here): the look-up
     * walks every thread's stack, about half a millisecond, while the counter costs nothing.
     */
    private static synchronized List<Thread> knownCarriers() {
        long started = THREADS.getTotalStartedThreadCount();
        if (started != platformThreadsStartedAtLastLook) {
            carriers = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getClass().getName().equals(CARRIER_CLASS))
                    .toList();
            platformThreadsStartedAtLastLook = started;
        }
        return carriers;
    }

    /** CPU the carriers used between two {@link #carriers()} readings; carriers that came meanwhile count whole. */
    static long carriersUsed(Map<Long, Long> before, Map<Long, Long> after) {
        long used = 0;
        for (Map.Entry<Long, Long> carrier : after.entrySet()) {
            used += Math.max(0, carrier.getValue() - before.getOrDefault(carrier.getKey(), 0L));
        }
        return used;
    }
}
