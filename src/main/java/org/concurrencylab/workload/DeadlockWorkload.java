package org.concurrencylab.workload;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code sync.deadlock}: tasks 0 and 1 each take lock A and lock B. With order {@code opposite}
 * worker 0 takes A then B and worker 1 takes B then A; with {@code consistent} both take A first.
 *
 * <p>Shared: the two locks, the set of worker threads, and what the watcher found. With opposite
 * order each worker waits, once it holds its first lock, until the other holds its own, so the
 * unlucky interleaving happens every time instead of only sometimes; then it holds on for
 * {@code holdMillis} and asks for its second lock. A watcher thread started by the first worker
 * polls {@link ThreadMXBean#findDeadlockedThreads()} every few milliseconds; when the cycle includes
 * this run's workers it records the threads and locks, then interrupts one of them, the victim, as a
 * database aborts one transaction of a deadlock. Workers wait with {@code lockInterruptibly}, so the
 * victim gives up, releases its first lock and returns normally (the interrupt was the lab's own
 * recovery, not a cancel, and its flag is cleared); the other worker then gets that lock and
 * finishes. Interrupting only the victim means no interrupt can land on a worker that has already
 * moved on. Every wait is a
 * blocking section, so under an emulated GIL a worker never waits while holding the GIL. Each task
 * returns 1 whether it finished or gave up, so the checksum is 2 either way.
 */
final class DeadlockWorkload implements Workload {

    private static final ThreadMXBean JVM_THREADS = ManagementFactory.getThreadMXBean();
    private static final long POLL_MILLIS = 5;
    private static final Duration WATCHER_STOP = Duration.ofSeconds(5);
    private static final int WORKERS = 2;

    private final boolean consistent;
    private final long holdMillis;

    private final ReentrantLock lockA = new ReentrantLock();
    private final ReentrantLock lockB = new ReentrantLock();
    private final CountDownLatch holdingFirst = new CountDownLatch(WORKERS);
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger workersLeft = new AtomicInteger(WORKERS);
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger gaveUp = new AtomicInteger();
    // When the later of the two workers started waiting for its second lock: the cycle closed then.
    private final AtomicLong cycleClosedNanos = new AtomicLong(Long.MIN_VALUE);
    // Set by the watcher before it interrupts anyone, so a worker can tell recovery from cancel.
    private volatile Detection detection;
    private Thread watcher; // guarded by this

    private record Detection(String threads, String locks, Thread victim, long detectedNanos) {}

    DeadlockWorkload(boolean consistent, long holdMillis) {
        this.consistent = consistent;
        this.holdMillis = holdMillis;
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        Thread me = Thread.currentThread();
        workers.add(me);
        startWatcher();
        ReentrantLock first = consistent || taskIndex == 0 ? lockA : lockB;
        ReentrantLock second = first == lockA ? lockB : lockA;
        try {
            context.blocking(first::lockInterruptibly);
            try {
                if (!consistent) {
                    holdingFirst.countDown();
                    context.blocking(holdingFirst::await);
                }
                context.blocking(() -> Thread.sleep(holdMillis));
                cycleClosedNanos.accumulateAndGet(System.nanoTime(), Math::max);
                context.blocking(second::lockInterruptibly);
                second.unlock();
                completed.incrementAndGet();
            } finally {
                first.unlock();
            }
        } catch (InterruptedException e) {
            Detection found = detection;
            if (found == null || found.victim() != me) {
                throw e;
            }
            // The watcher broke the deadlock: give up and end normally, with no interrupt left behind.
            Thread.interrupted();
            gaveUp.incrementAndGet();
        } finally {
            workers.remove(me);
            if (workersLeft.decrementAndGet() == 0) {
                stopWatcher(false);
            }
        }
        return 1;
    }

    private synchronized void startWatcher() {
        if (watcher == null) {
            watcher = Thread.ofPlatform().daemon().name("lab-deadlock-watcher").start(this::watch);
        }
    }

    /** Polls for a deadlock among this run's workers until it finds one or is interrupted. */
    private void watch() {
        try {
            while (true) {
                long[] ids = JVM_THREADS.findDeadlockedThreads();
                if (ids != null && breakDeadlock(ids)) {
                    return;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            // Stopped because the workers are done or the run ends: nothing left to watch.
        }
    }

    private boolean breakDeadlock(long[] deadlockedIds) {
        Map<Long, Thread> ours = new LinkedHashMap<>();
        workers.forEach(t -> ours.put(t.threadId(), t));
        List<ThreadInfo> involved = Arrays.stream(JVM_THREADS.getThreadInfo(deadlockedIds))
                .filter(info -> info != null && ours.containsKey(info.getThreadId()))
                .toList();
        if (involved.isEmpty()) {
            return false; // somebody else's deadlock
        }
        long now = System.nanoTime();
        List<String> threads = new ArrayList<>();
        List<String> locks = new ArrayList<>();
        for (ThreadInfo info : involved) {
            threads.add(info.getThreadName());
            locks.add(info.getLockName() + " wanted by " + info.getThreadName() + ", held by " + info.getLockOwnerName());
        }
        Thread victim = ours.get(involved.getFirst().getThreadId());
        detection = new Detection(String.join(", ", threads), String.join("; ", locks), victim, now);
        victim.interrupt();
        return true;
    }

    private void stopWatcher(boolean join) {
        Thread running;
        synchronized (this) {
            running = watcher;
        }
        if (running == null) {
            return;
        }
        running.interrupt();
        if (join) {
            try {
                if (!running.join(WATCHER_STOP)) {
                    System.getLogger(DeadlockWorkload.class.getName())
                            .log(System.Logger.Level.WARNING, "deadlock watcher did not stop within " + WATCHER_STOP);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public Map<String, Object> observations() {
        Detection found = detection;
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("order", consistent ? "consistent" : "opposite");
        o.put("outcome", found == null ? "COMPLETED" : "DEADLOCKED");
        o.put("completedWorkers", completed.get());
        o.put("gaveUpWorkers", gaveUp.get());
        if (found != null) {
            o.put("deadlockedThreads", found.threads());
            o.put("locks", found.locks());
            o.put("victim", found.victim().getName());
            o.put("detectedAfterMillis",
                    Math.round(Math.max(0, found.detectedNanos() - cycleClosedNanos.get()) / 1e3) / 1e3);
        }
        return o;
    }

    /** Stops the watcher and waits for it, so no thread of this run outlives it. */
    @Override
    public void close() {
        stopWatcher(true);
    }
}
