package org.concurrencylab.execution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observations;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.concurrencylab.core.TaskContext;

/**
 * CPython's GIL on the JVM. A thread must hold the lock to run workload code. At a
 * {@link #checkpoint()} the holder gives it up if it has held it for the switch interval and
 * another thread is waiting (CPython's forced switching, {@code sys.setswitchinterval}); around a
 * blocking section it always gives it up, as CPython releases the GIL around blocking calls.
 *
 * <p>The lock is fair so that a release really hands the lock to the thread that asked for it,
 * instead of the releasing thread taking it straight back; CPython 3.2+ guarantees the same.
 * Hand-offs, waits and the most holders ever seen at once are counted, so the mutual exclusion can
 * be checked and the cost shown; each hold (which thread, from when to when) is kept, up to
 * {@link #MAX_HOLDS}, so a timeline can draw who held the lock when.
 */
final class GlobalInterpreterLock implements TaskContext {

    /** Holds kept per run, as many as a timeline draws tasks; a run with more keeps none (see {@link #holds}). */
    static final int MAX_HOLDS = 2_000;

    private final ReentrantLock lock = new ReentrantLock(true);
    private final long switchIntervalNanos;
    // Atomic on purpose: they count holders whether or not the lock works, which is the check.
    private final AtomicInteger holders = new AtomicInteger();
    private final AtomicInteger maxHolders = new AtomicInteger();
    // Written only by the holder: the lock orders these writes, so plain fields will do, and every
    // nanosecond spent holding the lock is a nanosecond no other thread runs. Read by
    // observations() once the run's threads have ended.
    private long heldSince;
    private Thread lastHolder;
    private long acquisitions;
    private long handoffs;
    private long waitNanos;
    // Also written only by the holder: the holds so far, and each thread's number in the order they first held it.
    private final List<long[]> holds = new ArrayList<>();
    private final Map<Thread, Integer> threadNumbers = new HashMap<>();
    private boolean tooManyHolds;

    GlobalInterpreterLock(long switchIntervalMillis) {
        this.switchIntervalNanos = TimeUnit.MILLISECONDS.toNanos(switchIntervalMillis);
    }

    /** Takes the lock to start running workload code; interruptible, so a cancel is never stuck here. */
    void acquire() throws InterruptedException {
        long start = System.nanoTime();
        lock.lockInterruptibly();
        held(start);
    }

    void release() {
        recordHold();
        holders.decrementAndGet();
        lock.unlock();
    }

    /** Called by the holder just before it lets go: one {@code [thread, startNanos, endNanos]} per hold. */
    private void recordHold() {
        if (tooManyHolds) {
            return;
        }
        if (holds.size() == MAX_HOLDS) {
            tooManyHolds = true;
            holds.clear();
            return;
        }
        int thread = threadNumbers.computeIfAbsent(Thread.currentThread(), t -> threadNumbers.size());
        holds.add(new long[] {thread, heldSince, System.nanoTime()});
    }

    @Override
    public void checkpoint() {
        if (System.nanoTime() - heldSince >= switchIntervalNanos && lock.hasQueuedThreads()) {
            release();
            long start = System.nanoTime();
            // Not interruptible: checkpoint() cannot throw, and the lock comes back at the next
            // holder's checkpoint at the latest; an interrupted workload stops at its own check.
            lock.lock();
            held(start);
        }
    }

    @Override
    public void blocking(BlockingSection section) throws InterruptedException {
        release();
        try {
            section.run();
        } finally {
            long start = System.nanoTime();
            lock.lock();
            held(start);
        }
    }

    private void held(long waitStart) {
        long now = System.nanoTime();
        waitNanos += now - waitStart;
        acquisitions++;
        maxHolders.accumulateAndGet(holders.incrementAndGet(), Math::max);
        Thread me = Thread.currentThread();
        if (lastHolder != null && lastHolder != me) {
            handoffs++;
        }
        lastHolder = me;
        heldSince = now;
    }

    /**
     * Who held the lock when, {@code [thread, startNanos, endNanos]} in the order of the holds, threads
     * numbered from 0 in the order they first held it; empty when the run held it more than
     * {@link #MAX_HOLDS} times. Call once the run's threads have ended, as {@link #observations()}.
     */
    List<long[]> holds() {
        return List.copyOf(holds);
    }

    /** What the run's holders counted; call once its threads have ended (the pool's termination orders their writes before this). */
    Observations observations() {
        long n = acquisitions;
        return Observations.builder()
                .put(SWITCH_INTERVAL, TimeUnit.NANOSECONDS.toMillis(switchIntervalNanos))
                .put(ACQUISITIONS, n)
                .put(HANDOFFS, handoffs)
                .put(WAIT_TOTAL, Math.round(waitNanos / 1e3) / 1e3)
                .put(WAIT_MEAN, n == 0 ? 0.0 : Math.round(waitNanos / (double) n) / 1e3)
                .put(MAX_HOLDERS, maxHolders.get())
                .build();
    }

    static final Metric.Count SWITCH_INTERVAL = Metric.count("gilSwitchIntervalMillis", "milliseconds",
            Aggregation.SAME, "how long the holder keeps the lock while another thread waits");
    static final Metric.Count ACQUISITIONS = Metric.count("gilAcquisitions", "acquisitions", Aggregation.SUM,
            "times a thread took the lock");
    static final Metric.Count HANDOFFS = Metric.count("gilHandoffs", "hand-offs", Aggregation.SUM,
            "times the lock went to a different thread than its last holder");
    static final Metric.Real WAIT_TOTAL = Metric.real("gilWaitMillisTotal", "milliseconds", Aggregation.SUM,
            "time threads spent waiting for the lock");
    static final Metric.Real WAIT_MEAN = Metric.real("gilWaitMicrosMean", "microseconds", Aggregation.MEAN,
            "mean wait per acquisition");
    static final Metric.Count MAX_HOLDERS = Metric.count("gilMaxHoldersAtOnce", "threads", Aggregation.MAX,
            "the most threads ever holding the lock at once: always 1, checked");
}
