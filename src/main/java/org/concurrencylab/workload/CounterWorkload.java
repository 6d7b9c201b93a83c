package org.concurrencylab.workload;

import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.ObservedFacts;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskShape;
import org.concurrencylab.core.WorkKind;
import org.concurrencylab.core.Workload;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.core.Words;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
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

    static final Param.Int INCREMENTS = Param.integer("increments", "increments per worker", "increments", 1_000_000, 1,
            50_000_000);
    /** Choices in {@link Strategy}'s order, read back with {@code index}. */
    static final Param.Choice STRATEGY = Param.choice("strategy", "how the counter is protected", "none",
            Strategy.ids());

    static final Metric.Text STRATEGY_USED = Metric.text("strategy", Aggregation.SAME,
            "how the counter was protected");
    static final Metric.Count EXPECTED = Metric.count("expected", "increments", Aggregation.SUM,
            "increments the workers made, which the counter should show");
    static final Metric.Count OBSERVED = Metric.count("observed", "increments", Aggregation.SUM,
            "what the counter showed once every worker had finished");
    static final Metric.Count LOST_UPDATES = Metric.count("lostUpdates", "increments", Aggregation.SUM,
            "expected - observed: increments overwritten by a racing worker");
    static final Metric.Count INCREMENTS_PER_SECOND = Metric.count("incrementsPerSecond", "increments/s",
            Aggregation.SUM, "increments of all workers per second, from the first start to the last end");

    static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("sync.counter", WorkKind.SHARED_STATE)
            .description("Shared data is non-deterministic: every task is a worker adding 1 to one shared counter "
                    + "increments times. With strategy none the read-modify-write races and updates are lost "
                    + "(lostUpdates = expected - observed); synchronized, lock, reentrant (an RLock taken twice), "
                    + "semaphore, atomic and adder each make it exact, at the cost shown in incrementsPerSecond. Under "
                    + "GIL, none loses updates only when the lock switches threads between the read and the write.")
            .params(INCREMENTS, STRATEGY)
            .refuse(ExecutionModel.PROCESSES, Refusals.NO_SHARED_COUNTER)
            .tasks(new TaskShape.OnePerTask())
            .metrics(STRATEGY_USED, EXPECTED, OBSERVED, LOST_UPDATES, INCREMENTS_PER_SECOND)
            .outcomes(OBSERVED, EXPECTED)
            .factory(p -> new CounterWorkload(p.get(INCREMENTS), Strategy.values()[p.index(STRATEGY)]))
            .narrator(CounterWorkload::narrate)
            .build();

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
    public Observations observations() {
        long expectedTotal = expected.get();
        long observed = observed();
        long elapsed = lastEnd.get() - firstStart.get();
        return Observations.builder()
                .put(STRATEGY_USED, strategy.id())
                .put(EXPECTED, expectedTotal)
                .put(OBSERVED, observed)
                .put(LOST_UPDATES, expectedTotal - observed)
                .put(INCREMENTS_PER_SECOND, elapsed > 0 ? Math.round(expectedTotal * 1e9 / elapsed) : 0)
                .build();
    }

    /** Lost updates against the increments made, or why none were lost. */
    private static List<String> narrate(ObservedFacts facts) {
        return LostUpdates.narrate(facts, LOST_UPDATES, EXPECTED, STRATEGY_USED, STRATEGY,
                "Unsynchronized read-modify-write lost %s of %s updates (%.2f%%)%s: two threads read the same value "
                        + "and one write overwrote the other (a race condition).",
                strategy -> "none".equals(strategy)
                        ? ", though nothing but luck prevented a race without synchronization"
                        : " because the " + strategy + " strategy made the read-modify-write atomic");
    }
}
