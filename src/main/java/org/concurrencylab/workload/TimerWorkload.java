package org.concurrencylab.workload;

import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.ObservedFacts;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskCost;
import org.concurrencylab.core.TaskShape;
import org.concurrencylab.core.WorkKind;
import org.concurrencylab.core.Workload;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.core.Words;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
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

    static final Param.Int PERIOD_MILLIS = Param.integer("periodMillis", "time between ticks", "milliseconds", 10, 1,
            10_000);
    static final Param.Int TICKS = Param.integer("ticks", "ticks to run", "ticks", 100, 1, 10_000);
    /** Choices in this order: index 1 is fixedDelay. */
    static final Param.Choice MODE = Param.choice("mode", "fixedRate: scheduleAtFixedRate; fixedDelay: "
            + "scheduleWithFixedDelay", "fixedRate", "fixedRate", "fixedDelay");

    static final Metric.Text MODE_USED = Metric.text("mode", Aggregation.SAME,
            "fixedRate or fixedDelay: the schedule each tick is measured against");
    static final Metric.Count TICKS_RUN = Metric.count("ticks", "ticks", Aggregation.SUM, "ticks that ran");
    static final Metric.Count JITTER_MICROS_P50 = Metric.count("jitterMicrosP50", "microseconds", Aggregation.MAX,
            "median distance of a tick from when its mode made it due (combined: the worst worker's)");
    static final Metric.Count JITTER_MICROS_P99 = Metric.count("jitterMicrosP99", "microseconds", Aggregation.MAX,
            "99th percentile of that distance (combined: the worst worker's)");
    static final Metric.Count JITTER_MICROS_MAX = Metric.count("jitterMicrosMax", "microseconds", Aggregation.MAX,
            "largest distance of a tick from when it was due");
    static final Metric.Count DRIFT_MICROS = Metric.count("driftMicros", "microseconds", Aggregation.MAX,
            "the last tick against start + ticks x period: lateness that added up");

    static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("sched.timer", WorkKind.SHARED_STATE)
            .description("sched: one ScheduledExecutorService thread ticks every periodMillis, ticks times, at a "
                    + "fixedRate (each tick due at start + k * period, so lateness does not accumulate) or with a "
                    + "fixedDelay (each tick due period after the previous one, so lateness adds up as driftMicros). "
                    + "Reports tick jitter against each mode's own schedule (p50/p99/max). One task runs the timer.")
            .params(PERIOD_MILLIS, TICKS, MODE)
            .refuse(ExecutionModel.PROCESSES, "a worker JVM sends back times and checksums, not a workload's "
                    + "observations, so the tick jitter measured there could not be reported")
            .tasks(new TaskShape.Fixed("1 timer", p -> 1))
            .metrics(MODE_USED, TICKS_RUN, JITTER_MICROS_P50, JITTER_MICROS_P99, JITTER_MICROS_MAX, DRIFT_MICROS)
            // The first tick is due one period after the start, the last ticks periods after it.
            .cost(p -> TaskCost.waiting(p.get(TICKS) * p.get(PERIOD_MILLIS)))
            .factory(p -> new TimerWorkload(p.get(PERIOD_MILLIS), (int) p.get(TICKS), p.index(MODE) == 1))
            .narrator(TimerWorkload::narrate)
            .build();

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
    public synchronized Observations observations() {
        return Observations.builder()
                .put(MODE_USED, fixedDelay ? "fixedDelay" : "fixedRate")
                .put(TICKS_RUN, jitterMicros.length)
                .put(JITTER_MICROS_P50, LatencyHistogram.percentile(jitterMicros, 50))
                .put(JITTER_MICROS_P99, LatencyHistogram.percentile(jitterMicros, 99))
                .put(JITTER_MICROS_MAX, LatencyHistogram.percentile(jitterMicros, 100))
                .put(DRIFT_MICROS, driftMicros)
                .build();
    }

    /** The ticks' jitter against their mode's schedule, and whether lateness added up into drift. */
    private static List<String> narrate(ObservedFacts facts) {
        OptionalDouble ticks = facts.number(TICKS_RUN);
        OptionalDouble p50 = facts.number(JITTER_MICROS_P50);
        OptionalDouble p99 = facts.number(JITTER_MICROS_P99);
        OptionalDouble max = facts.number(JITTER_MICROS_MAX);
        OptionalDouble drift = facts.number(DRIFT_MICROS);
        if (ticks.isEmpty() || p50.isEmpty() || p99.isEmpty() || max.isEmpty() || drift.isEmpty()) {
            return List.of();
        }
        boolean averaged = facts.varies(JITTER_MICROS_P50) || facts.varies(JITTER_MICROS_P99)
                || facts.varies(JITTER_MICROS_MAX) || facts.varies(DRIFT_MICROS);
        String jitter = String.format(Locale.ROOT, "%s ticks every %d ms were a median %s microseconds off the time "
                + "they were due (p99 %s, max %s)%s", Words.number(ticks.getAsDouble()), facts.param(PERIOD_MILLIS),
                Words.number(p50.getAsDouble()), Words.number(p99.getAsDouble()), Words.number(max.getAsDouble()), averaged ? " on average" : "");
        return List.of("fixedDelay".equals(facts.param(MODE))
                ? String.format(Locale.ROOT, "With a fixed delay, %s; each tick was due one period after the one "
                        + "before, so that lateness added up: the last tick came %s microseconds after start + ticks x "
                        + "period.", jitter, Words.number(drift.getAsDouble()))
                : String.format(Locale.ROOT, "At a fixed rate, %s; each tick was due at start + k x period whatever "
                        + "came before, so lateness did not add up: the last tick was %s microseconds off start + "
                        + "ticks x period.", jitter, Words.number(drift.getAsDouble())));
    }


    @Override
    public void close() {
        stop();
    }
}
