package org.concurrencylab.workload;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code sync.counter}: every task is a worker adding 1 to one shared counter {@code increments}
 * times, protected by the chosen strategy (or not at all).
 *
 * <p>Shared: the counters below, one per kind of protection, and the run's totals. The unprotected
 * counter is a {@code volatile} field read and then written in two steps: volatile keeps the JIT
 * from keeping it in a register or folding the loop into one addition, so every iteration really
 * reads and writes memory, and two steps leave the gap another worker's write falls into. That is
 * {@code counter += 1} in Python. Each task returns its own number of increments, so the checksum is
 * the expected total on every model; what was lost shows in the observations.
 */
final class CounterWorkload implements Workload {

    /** How the shared counter is protected; the ids are the choices users write. */
    enum Strategy {
        NONE, SYNCHRONIZED, LOCK, REENTRANT, SEMAPHORE, ATOMIC, ADDER;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static String[] ids() {
            return Arrays.stream(values()).map(Strategy::id).toArray(String[]::new);
        }
    }

    /** How often a worker looks for an interrupt: rare enough to cost nothing, often enough to stop at once. */
    private static final int INTERRUPT_CHECK_MASK = 0xFFF;

    private final long increments;
    private final Strategy strategy;

    private volatile long racy;
    // Guarded by whichever of monitor, lock, semaphore the strategy uses; read after every task ended.
    private long guarded;
    private final Object monitor = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private final Semaphore semaphore = new Semaphore(1);
    private final AtomicLong atomic = new AtomicLong();
    private final LongAdder adder = new LongAdder();

    private static final long START_GATE_MILLIS = 100;
    private final CountDownLatch startGate = new CountDownLatch(2);

    private final AtomicLong expected = new AtomicLong();
    private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);

    CounterWorkload(long increments, Strategy strategy) {
        this.increments = increments;
        this.strategy = strategy;
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        // Start together: on a busy machine the second thread may only get a core once the first
        // has finished its loop, and a race that never overlaps shows no lost update. The wait is
        // bounded, so a single thread (SEQUENTIAL, or more workers than threads) only pays it once.
        startGate.countDown();
        context.blocking(() -> startGate.await(START_GATE_MILLIS, TimeUnit.MILLISECONDS));
        firstStart.accumulateAndGet(System.nanoTime(), Math::min);
        for (long i = 0; i < increments; i++) {
            incrementOnce(context);
            if ((i & INTERRUPT_CHECK_MASK) == 0 && Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped after " + i + " increments");
            }
        }
        lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
        expected.addAndGet(increments);
        return increments;
    }

    private void incrementOnce(TaskContext context) throws InterruptedException {
        switch (strategy) {
            case NONE -> {
                long read = racy;
                // Under an emulated GIL this is the only place a thread can be switched out with a stale
                // read in hand, as CPython may switch between the bytecodes of counter += 1.
                context.checkpoint();
                racy = read + 1;
                return;
            }
            case SYNCHRONIZED -> {
                synchronized (monitor) {
                    guarded++;
                }
            }
            case LOCK -> {
                lock.lock();
                try {
                    guarded++;
                } finally {
                    lock.unlock();
                }
            }
            case REENTRANT -> {
                // Taken twice by the same thread, as a function holding an RLock calls another that takes it.
                lock.lock();
                try {
                    lock.lock();
                    try {
                        guarded++;
                    } finally {
                        lock.unlock();
                    }
                } finally {
                    lock.unlock();
                }
            }
            case SEMAPHORE -> {
                semaphore.acquire();
                try {
                    guarded++;
                } finally {
                    semaphore.release();
                }
            }
            case ATOMIC -> atomic.incrementAndGet();
            case ADDER -> adder.increment();
        }
        // Outside the critical section, so a GIL switch never parks a thread that holds the counter's lock.
        context.checkpoint();
    }

    private long observed() {
        return switch (strategy) {
            case NONE -> racy;
            case SYNCHRONIZED, LOCK, REENTRANT, SEMAPHORE -> guarded;
            case ATOMIC -> atomic.get();
            case ADDER -> adder.sum();
        };
    }

    @Override
    public Map<String, Object> observations() {
        long expectedTotal = expected.get();
        long observed = observed();
        long elapsed = lastEnd.get() - firstStart.get();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("strategy", strategy.id());
        o.put("expected", expectedTotal);
        o.put("observed", observed);
        o.put("lostUpdates", expectedTotal - observed);
        o.put("incrementsPerSecond", elapsed > 0 ? Math.round(expectedTotal * 1e9 / elapsed) : 0);
        return o;
    }
}
