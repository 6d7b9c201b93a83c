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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
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

    /** Choices in this order: index 1 is consistent. */
    static final Param.Choice ORDER = Param.choice("order", "the order in which the two workers take the two locks",
            "opposite", "opposite", "consistent");
    static final Param.Int HOLD_MILLIS = Param.integer("holdMillis", "how long each worker holds its first lock before "
            + "taking the second", "milliseconds", 10, 0, 1_000);

    static final Metric.Text ORDER_USED = Metric.text("order", Aggregation.SAME,
            "the order in which the workers took the locks: opposite or consistent");
    static final Metric.Text OUTCOME = Metric.text("outcome", Aggregation.SAME,
            "DEADLOCKED when the lab found and broke a cycle, COMPLETED when every worker finished");
    static final Metric.Count COMPLETED_WORKERS = Metric.count("completedWorkers", "workers", Aggregation.SUM,
            "workers that took both locks and finished");
    static final Metric.Count GAVE_UP_WORKERS = Metric.count("gaveUpWorkers", "workers", Aggregation.SUM,
            "workers interrupted by the lab to break the deadlock (the victim)");
    static final Metric.Text DEADLOCKED_THREADS = Metric.text("deadlockedThreads", Aggregation.SAME,
            "the names of the threads in the cycle, joined with \", \"; only when DEADLOCKED");
    static final Metric.Text LOCKS = Metric.text("locks", Aggregation.SAME,
            "each lock in the cycle, who wanted it and who held it; only when DEADLOCKED");
    static final Metric.Text VICTIM = Metric.text("victim", Aggregation.SAME,
            "the thread the lab interrupted to break the cycle; only when DEADLOCKED");
    static final Metric.Real DETECTED_AFTER_MILLIS = Metric.real("detectedAfterMillis", "milliseconds",
            Aggregation.MAX, "time from the cycle closing to the lab finding it; only when DEADLOCKED");

    static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("sync.deadlock", WorkKind.SHARED_STATE)
            .description("Deadlock: two workers each take two locks. With order opposite, each holds the lock the "
                    + "other wants and both wait forever; the lab finds the cycle with "
                    + "ThreadMXBean.findDeadlockedThreads, reports the threads and locks (outcome DEADLOCKED), and "
                    + "breaks it by interrupting the workers waiting in lockInterruptibly, so the run still ends "
                    + "cleanly. With order consistent the cycle cannot form (outcome COMPLETED): the classic fix.")
            .params(ORDER, HOLD_MILLIS)
            .refuse(ExecutionModel.PROCESSES, Refusals.noSharedMemory("a pair of locks in one JVM's memory"))
            .refuse(ExecutionModel.SEQUENTIAL, "SEQUENTIAL runs one worker at a time, so the two never hold a lock "
                    + "each at once")
            .refuse(ExecutionModel.VIRTUAL_THREADS, "VIRTUAL_THREADS are invisible to "
                    + "ThreadMXBean.findDeadlockedThreads, the JDK's deadlock detector this lab uses")
            .tasks(new TaskShape.Fixed("2 workers", p -> 2))
            .metrics(ORDER_USED, OUTCOME, COMPLETED_WORKERS, GAVE_UP_WORKERS, DEADLOCKED_THREADS, LOCKS, VICTIM,
                    DETECTED_AFTER_MILLIS)
            .factory(p -> new DeadlockWorkload(p.index(ORDER) == 1, p.get(HOLD_MILLIS)))
            .narrator(DeadlockWorkload::narrate)
            .build();

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
    public Observations observations() {
        Detection found = detection;
        Observations.Builder o = Observations.builder()
                .put(ORDER_USED, consistent ? "consistent" : "opposite")
                .put(OUTCOME, found == null ? "COMPLETED" : "DEADLOCKED")
                .put(COMPLETED_WORKERS, completed.get())
                .put(GAVE_UP_WORKERS, gaveUp.get());
        if (found != null) {
            o.put(DEADLOCKED_THREADS, found.threads())
                    .put(LOCKS, found.locks())
                    .put(VICTIM, found.victim().getName())
                    .put(DETECTED_AFTER_MILLIS,
                            Math.round(Math.max(0, found.detectedNanos() - cycleClosedNanos.get()) / 1e3) / 1e3);
        }
        return o.build();
    }

    /**
     * The cycle the detector found, with its threads counted from their names, or why none formed. Where
     * the thread names differ between runs the names are listed, since their count per run is unknown.
     */
    private static List<String> narrate(ObservedFacts facts) {
        String outcome = facts.text(OUTCOME).orElse("");
        if (outcome.contains("DEADLOCKED")) {
            Optional<String> names = facts.text(DEADLOCKED_THREADS);
            String threads = names.isEmpty() ? "threads"
                    : facts.varies(DEADLOCKED_THREADS) ? "threads (" + names.get() + " over the runs)"
                    : names.get().split(", ").length + " threads (" + names.get() + ")";
            OptionalDouble after = facts.number(DETECTED_AFTER_MILLIS);
            String detected = after.isEmpty() ? "" : String.format(Locale.ROOT, " after %.2f ms%s",
                    after.getAsDouble(), facts.varies(DETECTED_AFTER_MILLIS) ? " on average" : "");
            return List.of(String.format(Locale.ROOT, "Deadlock: %s each held one lock and waited for a lock another "
                    + "held (taken in opposite orders), a cycle in which none can proceed; the lab detected it%s and "
                    + "broke it by making one thread give up.", threads, detected));
        }
        OptionalDouble completed = facts.number(COMPLETED_WORKERS);
        Optional<String> order = facts.text(ORDER_USED);
        if (outcome.contains("COMPLETED") && order.isPresent() && completed.isPresent()) {
            double n = completed.getAsDouble();
            return List.of(String.format(Locale.ROOT, "No deadlock: with the locks taken in %s order every worker "
                    + "completed (%s of them).", order.get(),
                    Words.number(n)));
        }
        return List.of();
    }

    /** Stops the watcher and waits for it, so no thread of this run outlives it. */
    @Override
    public void close() {
        stopWatcher(true);
    }
}
