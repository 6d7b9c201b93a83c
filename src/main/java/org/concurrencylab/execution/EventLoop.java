package org.concurrencylab.execution;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.concurrencylab.core.Loop;
import org.concurrencylab.core.LoopMetrics;
import org.concurrencylab.core.Observations;
import org.concurrencylab.workload.LatencyHistogram;

/**
 * An event loop on the thread that calls {@link #runUntil}, shaped as asyncio's {@code _run_once}:
 * each turn takes the callbacks other threads posted, moves the timers that are due into the ready
 * queue, and runs every callback that was ready when the turn began, one after another; with
 * nothing ready it parks until the next timer is due or a post wakes it.
 *
 * <p>Every callback is timed against when it was due (a timer's deadline, a post's moment, a
 * task's start at the run's start): the lag is how long it waited for the loop's one thread,
 * which is exactly how long the callbacks before it held that thread. A callback that itself runs
 * at least the slow threshold is counted, as asyncio's debug mode logs it.
 *
 * <p>Confined to its thread but for {@link #post} (and {@link #resume}, which posts), which any
 * thread may call.
 */
final class EventLoop implements Loop {

    private record Callback(long dueNanos, long sequence, Runnable action) {}

    private static final Comparator<Callback> BY_DUE =
            Comparator.comparingLong(Callback::dueNanos).thenComparingLong(Callback::sequence);
    // Parked at most this long with nothing scheduled, so a lost wake-up could only ever cost this.
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final long slowNanos;
    private final PriorityQueue<Callback> timers = new PriorityQueue<>(BY_DUE);
    private final ArrayDeque<Callback> ready = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Callback> posted = new ConcurrentLinkedQueue<>();
    private volatile Thread owner;
    private long sequence;
    private Exception failure;

    // Counted on the loop's thread only; read by observations() on the same thread after the run.
    private final LatencyHistogram lagMicros = new LatencyHistogram();
    private long callbacks;
    private long slowCallbacks;

    EventLoop(long slowCallbackMillis) {
        this.slowNanos = TimeUnit.MILLISECONDS.toNanos(slowCallbackMillis);
    }

    /** Schedules {@code action} for when {@code dueNanos} (of {@link System#nanoTime}) comes; loop thread only. */
    void at(long dueNanos, Runnable action) {
        timers.add(new Callback(dueNanos, sequence++, action));
    }

    /** Runs {@code action} on the loop as soon as it can, from any thread (asyncio's call_soon_threadsafe). */
    void post(Runnable action) {
        // The sequence only orders timers of one deadline, which posts never join.
        posted.add(new Callback(System.nanoTime(), 0, action));
        Thread thread = owner;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Stops the loop at its next turn with this failure: an {@link InterruptedException} or an
     * {@link ExecutionFailedException}, the first one only.
     */
    void fail(Exception cause) {
        if (failure == null) {
            failure = cause;
        }
    }

    @Override
    public CompletionStage<Void> after(long millis) {
        CompletableFuture<Void> woken = new CompletableFuture<>();
        at(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis), () -> woken.complete(null));
        return woken;
    }

    @Override
    public <T> CompletionStage<T> resume(CompletionStage<T> outside) {
        CompletableFuture<T> resumed = new CompletableFuture<>();
        outside.whenComplete((value, error) -> post(() -> {
            if (error == null) {
                resumed.complete(value);
            } else {
                resumed.completeExceptionally(error);
            }
        }));
        return resumed;
    }

    /**
     * Turns the loop on the calling thread until {@code done} says so, a callback failed the run,
     * or the thread is interrupted (cancel, time limit).
     */
    void runUntil(BooleanSupplier done) throws InterruptedException, ExecutionFailedException {
        owner = Thread.currentThread();
        try {
            while (!done.getAsBoolean()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("event loop stopped");
                }
                turn();
                if (failure != null) {
                    TaskResults.rethrow(failure);
                }
            }
        } finally {
            owner = null;
        }
    }

    private void turn() {
        for (Callback c = posted.poll(); c != null; c = posted.poll()) {
            ready.add(c);
        }
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().dueNanos() - now <= 0) {
            ready.add(timers.poll());
        }
        if (ready.isEmpty()) {
            long wait = timers.isEmpty() ? IDLE_PARK_NANOS : Math.min(IDLE_PARK_NANOS, timers.peek().dueNanos() - now);
            LockSupport.parkNanos(this, wait);
            return;
        }
        // Only what was ready when the turn began: callbacks they schedule wait for the next turn, as in asyncio.
        for (int n = ready.size(); n > 0 && failure == null; n--) {
            run(ready.poll());
        }
    }

    private void run(Callback callback) {
        long start = System.nanoTime();
        lagMicros.record(TimeUnit.NANOSECONDS.toMicros(start - callback.dueNanos()));
        callback.action().run();
        long took = System.nanoTime() - start;
        callbacks++;
        if (took >= slowNanos) {
            slowCallbacks++;
        }
    }

    /** The loop's own observations; {@code peakPendingTasks} is the runner's, which knows the tasks. */
    Observations observations(long slowCallbackMillis, int peakPendingTasks) {
        return Observations.builder()
                .put(LoopMetrics.LAG_P50, millis(lagMicros.percentile(50)))
                .put(LoopMetrics.LAG_P99, millis(lagMicros.percentile(99)))
                .put(LoopMetrics.LAG_MAX, millis(lagMicros.max()))
                .put(LoopMetrics.CALLBACKS, callbacks)
                .put(LoopMetrics.SLOW_CALLBACKS, slowCallbacks)
                .put(LoopMetrics.SLOW_CALLBACK_MILLIS, slowCallbackMillis)
                .put(LoopMetrics.PEAK_PENDING, peakPendingTasks)
                .build();
    }

    private static double millis(long micros) {
        return micros / 1e3;
    }
}
