package org.concurrencylab.workload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code sched.timer}: the one task starts a single-threaded {@link ScheduledExecutorService}
 * ({@code lab-sched-timer}), lets it tick {@code ticks} times every {@code periodMillis}, and waits (a
 * blocking section) until the last tick. Python's {@code sched} and {@code threading.Timer} do the
 * same job.
 *
 * <p>A tick does nothing but note the time, so what is measured is the scheduler's own lateness.
 * Each tick is compared with the schedule its mode promises: at a fixed rate tick k is due at
 * start + (k + 1) * period whatever happened before; with a fixed delay it is due one period after
 * the previous tick, so lateness is forgiven tick by tick and adds up instead ({@code driftMicros},
 * the last tick against start + ticks * period). The scheduler thread is stopped when the task ends
 * and again, if still there, when the workload is closed. The task returns {@code ticks}.
 */
final class TimerWorkload implements Workload {

    private static final long STOP_GRACE_SECONDS = 5;

    private final long periodNanos;
    private final int ticks;
    private final boolean fixedDelay;

    private ScheduledExecutorService scheduler; // guarded by this
    // Set by the task once its last tick ran; read once the task ended.
    private long[] jitterMicros = new long[0];
    private long driftMicros;

    TimerWorkload(long periodMillis, int ticks, boolean fixedDelay) {
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
        this.ticks = ticks;
        this.fixedDelay = fixedDelay;
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        ScheduledExecutorService timer = start();
        // Written only by the scheduler thread; read here after done.await(), which orders them.
        long[] tickNanos = new long[ticks];
        int[] count = {0};
        CountDownLatch done = new CountDownLatch(1);
        Runnable tick = () -> {
            if (count[0] < ticks) {
                tickNanos[count[0]++] = System.nanoTime();
                if (count[0] == ticks) {
                    done.countDown();
                }
            }
        };
        long startNanos = System.nanoTime();
        ScheduledFuture<?> ticking = fixedDelay
                ? timer.scheduleWithFixedDelay(tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS)
                : timer.scheduleAtFixedRate(tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        try {
            context.blocking(done::await);
        } finally {
            ticking.cancel(false);
            stop();
        }
        long[] jitter = new long[ticks];
        for (int k = 0; k < ticks; k++) {
            long due = fixedDelay && k > 0 ? tickNanos[k - 1] + periodNanos : startNanos + (k + 1) * periodNanos;
            jitter[k] = Math.abs(tickNanos[k] - due) / 1_000;
        }
        synchronized (this) {
            jitterMicros = jitter;
            driftMicros = (tickNanos[ticks - 1] - (startNanos + ticks * periodNanos)) / 1_000;
        }
        return ticks;
    }

    private synchronized ScheduledExecutorService start() {
        // Not "lab-timer": the experiment dispatcher's time-limit thread already has that name.
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("lab-sched-timer").factory());
        return scheduler;
    }

    /** shutdown, awaitTermination, shutdownNow: a tick in progress may finish, nothing waits forever. */
    private void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = scheduler;
            scheduler = null;
        }
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized Map<String, Object> observations() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("mode", fixedDelay ? "fixedDelay" : "fixedRate");
        o.put("ticks", jitterMicros.length);
        o.put("jitterMicrosP50", LatencyHistogram.percentile(jitterMicros, 50));
        o.put("jitterMicrosP99", LatencyHistogram.percentile(jitterMicros, 99));
        o.put("jitterMicrosMax", LatencyHistogram.percentile(jitterMicros, 100));
        o.put("driftMicros", driftMicros);
        return o;
    }

    @Override
    public void close() {
        stop();
    }
}
