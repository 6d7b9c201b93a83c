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
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code sync.semaphore}: every task is a worker that uses a resource {@code uses} times, holding
 * it for {@code holdMillis} each time (a blocking section, as a call over a pooled connection).
 *
 * <p>Shared: the {@link GuardedResource}, a semaphore of {@code permits} and a count of the
 * workers inside it right now, whose maximum ({@code peakHolders}) shows the semaphore's promise
 * being kept. Each task returns its number of uses, so the checksum is workers times uses.
 */
final class SemaphoreWorkload implements Workload {

    static final Param.Int PERMITS = Param.integer("permits", "workers allowed to hold the resource at once", "permits",
            2, 1, 64);
    static final Param.Int USES = Param.integer("uses", "times each worker uses the resource", "uses", 20, 1, 10_000);
    static final Param.Int HOLD_MILLIS = Param.integer("holdMillis", "how long each use holds the resource",
            "milliseconds", 5, 0, 1_000);

    static final Metric.Count PERMITS_USED = Metric.count("permits", "permits", Aggregation.SAME,
            "workers the semaphore let hold the resource at once");
    static final Metric.Count PEAK_HOLDERS = Metric.count("peakHolders", "workers", Aggregation.MAX,
            "most workers that held the resource at once; never more than permits");
    static final Metric.Count ACQUISITIONS = Metric.count("acquisitions", "uses", Aggregation.SUM,
            "times a worker acquired a permit");
    static final Metric.Real WAIT_MILLIS_TOTAL = Metric.real("waitMillisTotal", "milliseconds", Aggregation.SUM,
            "time workers spent waiting for a permit, all together");
    static final Metric.Real WAIT_MILLIS_MEAN = Metric.real("waitMillisMean", "milliseconds", Aggregation.DERIVED,
            "waitMillisTotal / acquisitions: the mean wait for a permit");

    static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("sync.semaphore", WorkKind.SHARED_STATE)
            .description("Semaphore: every task is a worker that uses a resource uses times, holding it holdMillis "
                    + "each time; a Semaphore of permits lets at most that many in at once. peakHolders never exceeds "
                    + "permits; the others wait (waitMillisTotal), as a connection pool makes callers wait.")
            .params(PERMITS, USES, HOLD_MILLIS)
            .refuse(ExecutionModel.PROCESSES, Refusals.NO_SHARED_COUNTER)
            .tasks(new TaskShape.OnePerTask())
            .metrics(PERMITS_USED, PEAK_HOLDERS, ACQUISITIONS, WAIT_MILLIS_TOTAL, WAIT_MILLIS_MEAN)
            .factory(p -> new SemaphoreWorkload((int) p.get(PERMITS), p.get(USES), p.get(HOLD_MILLIS)))
            .derive(SemaphoreWorkload::meanWait)
            .narrator(SemaphoreWorkload::narrate)
            .build();

    private final int permits;
    private final long uses;
    private final long holdMillis;

    private final GuardedResource resource;
    private final AtomicLong waitNanos = new AtomicLong();

    SemaphoreWorkload(int permits, long uses, long holdMillis) {
        this.permits = permits;
        this.uses = uses;
        this.holdMillis = holdMillis;
        this.resource = new GuardedResource(permits);
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        for (long use = 0; use < uses; use++) {
            long start = System.nanoTime();
            resource.acquire(context);
            waitNanos.addAndGet(System.nanoTime() - start);
            try {
                resource.hold(context, holdMillis);
            } finally {
                resource.semaphore().release();
            }
        }
        return uses;
    }

    @Override
    public Observations observations() {
        long n = resource.acquisitions();
        return Observations.builder()
                .put(PERMITS_USED, permits)
                .put(PEAK_HOLDERS, resource.peakHolders())
                .put(ACQUISITIONS, n)
                .put(WAIT_MILLIS_TOTAL, Math.round(waitNanos.get() / 1e3) / 1e3)
                .put(WAIT_MILLIS_MEAN, n == 0 ? 0.0 : Math.round(waitNanos.get() / (double) n / 1e3) / 1e3)
                .build();
    }

    /** The mean wait of combined parts, from their summed total and acquisitions (to the microsecond). */
    private static Observations meanWait(Observations combined) {
        OptionalDouble total = combined.get(WAIT_MILLIS_TOTAL);
        OptionalLong n = combined.get(ACQUISITIONS);
        if (total.isEmpty() || n.isEmpty()) {
            return combined;
        }
        double mean = n.getAsLong() == 0 ? 0.0 : Math.round(total.getAsDouble() * 1e3 / n.getAsLong()) / 1e3;
        return combined.with(Observations.builder().put(WAIT_MILLIS_MEAN, mean).build());
    }

    /** The peak of holders against the permits, and what the others waited. */
    private static List<String> narrate(ObservedFacts facts) {
        OptionalDouble peak = facts.number(PEAK_HOLDERS);
        OptionalDouble permits = facts.number(PERMITS_USED);
        if (peak.isEmpty() || permits.isEmpty()) {
            return List.of();
        }
        String held = String.format(Locale.ROOT, peak.getAsDouble() <= permits.getAsDouble()
                ? "At most %s workers held the resource at once%s, never more than its %s permits"
                : "The semaphore let %s workers hold the resource at once%s, more than its %s permits",
                Words.number(peak.getAsDouble()), facts.varies(PEAK_HOLDERS) ? " on average" : "", Words.number(permits.getAsDouble()));
        OptionalDouble total = facts.number(WAIT_MILLIS_TOTAL);
        OptionalDouble mean = facts.number(WAIT_MILLIS_MEAN);
        if (total.isEmpty() || mean.isEmpty()) {
            return List.of(held + ".");
        }
        if (total.getAsDouble() == 0) {
            return List.of(held + "; no worker had to wait for a permit.");
        }
        return List.of(held + String.format(Locale.ROOT, "; the others waited their turn, %.3f ms in all and %.3f ms "
                + "per acquisition%s, as callers wait for a pooled connection.", total.getAsDouble(),
                mean.getAsDouble(), facts.varies(WAIT_MILLIS_TOTAL) ? " on average over the runs" : ""));
    }

}
