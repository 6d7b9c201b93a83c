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

/**
 * {@code sync.event}: task 0 is the setter, tasks 1..waiters wait for its event (Python's
 * {@code threading.Event}: a {@link CountDownLatch} of one, which once set stays set and releases
 * every waiter).
 *
 * <p>Shared: the event, a latch that tells the setter every waiter has arrived, the moment the
 * event was set, and each waiter's wake-up moment. The setter waits {@code delayMillis} after the
 * last waiter arrived so they are all really parked; the latency from set to each waiter running
 * again is what the lab reports. Each task returns 1, so the checksum is the number of workers.
 */
final class EventWorkload implements Workload {

    static final Param.Int WAITERS = Param.integer("waiters", "workers waiting for the event", "workers", 4, 1, 64);
    static final Param.Int DELAY_MILLIS = Param.integer("delayMillis", "how long the setter waits after every waiter "
            + "is ready", "milliseconds", 20, 0, 10_000);

    static final Metric.Count WAITERS_USED = Metric.count("waiters", "workers", Aggregation.SAME,
            "workers that waited for the event");
    static final Metric.Count WOKEN_WAITERS = Metric.count("wokenWaiters", "workers", Aggregation.SUM,
            "waiters that woke up once the event was set");
    static final Metric.Count WAKEUP_MICROS_P50 = Metric.count("wakeupMicrosP50", "microseconds", Aggregation.MAX,
            "median time from the set to a waiter running again (combined: the worst worker's)");
    static final Metric.Count WAKEUP_MICROS_MAX = Metric.count("wakeupMicrosMax", "microseconds", Aggregation.MAX,
            "longest time from the set to a waiter running again");

    static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("sync.event", WorkKind.SHARED_STATE)
            .description("Event: waiters block until one setter task sets an event (a CountDownLatch of 1) delayMillis "
                    + "after all of them wait; each waiter's wake-up latency from set to running is reported "
                    + "(wakeupMicrosP50, wakeupMicrosMax). One signal releases every waiter at once.")
            .params(WAITERS, DELAY_MILLIS)
            .refuse(ExecutionModel.PROCESSES, Refusals.NO_SHARED_SIGNAL)
            .refuse(ExecutionModel.SEQUENTIAL, Refusals.ALL_AT_ONCE)
            .tasks(new TaskShape.Fixed("waiters + 1 setter", p -> Math.toIntExact(p.get(WAITERS) + 1)))
            .metrics(WAITERS_USED, WOKEN_WAITERS, WAKEUP_MICROS_P50, WAKEUP_MICROS_MAX)
            .factory(p -> new EventWorkload((int) p.get(WAITERS), p.get(DELAY_MILLIS)))
            .narrator(EventWorkload::narrate)
            .build();

    private final int waiters;
    private final long delayMillis;

    private final CountDownLatch arrived;
    private final CountDownLatch event = new CountDownLatch(1);
    // Written before event.countDown(), read after event.await(): the latch orders them.
    private long setNanos;
    // Each waiter writes its own slot; read once every task ended. Negative: never woke.
    private final long[] wakeupNanos;

    EventWorkload(int waiters, long delayMillis) {
        this.waiters = waiters;
        this.delayMillis = delayMillis;
        this.arrived = new CountDownLatch(waiters);
        this.wakeupNanos = new long[waiters];
        Arrays.fill(wakeupNanos, -1);
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        if (taskIndex == 0) {
            context.blocking(() -> {
                arrived.await();
                Thread.sleep(delayMillis);
            });
            setNanos = System.nanoTime();
            event.countDown();
        } else {
            arrived.countDown();
            context.blocking(event::await);
            wakeupNanos[taskIndex - 1] = System.nanoTime() - setNanos;
        }
        return 1;
    }

    @Override
    public Observations observations() {
        long[] micros = Arrays.stream(wakeupNanos).filter(n -> n >= 0).map(n -> n / 1_000).toArray();
        return Observations.builder()
                .put(WAITERS_USED, waiters)
                .put(WOKEN_WAITERS, micros.length)
                .put(WAKEUP_MICROS_P50, LatencyHistogram.percentile(micros, 50))
                .put(WAKEUP_MICROS_MAX, LatencyHistogram.percentile(micros, 100))
                .build();
    }

    /** How many waiters one set released, and how soon they ran again. */
    private static List<String> narrate(ObservedFacts facts) {
        OptionalDouble woken = facts.number(WOKEN_WAITERS);
        OptionalDouble waiters = facts.number(WAITERS_USED);
        OptionalDouble p50 = facts.number(WAKEUP_MICROS_P50);
        OptionalDouble max = facts.number(WAKEUP_MICROS_MAX);
        if (woken.isEmpty() || waiters.isEmpty() || p50.isEmpty() || max.isEmpty()) {
            return List.of();
        }
        return List.of(String.format(Locale.ROOT, "One set of the event woke %s of %s waiters: the median waiter ran "
                + "again %s microseconds after the set, the last %s microseconds after it%s.", Words.number(woken.getAsDouble()),
                Words.number(waiters.getAsDouble()), Words.number(p50.getAsDouble()), Words.number(max.getAsDouble()),
                facts.varies(WAKEUP_MICROS_P50) || facts.varies(WAKEUP_MICROS_MAX)
                        ? " (on average over the runs)" : ""));
    }

}
