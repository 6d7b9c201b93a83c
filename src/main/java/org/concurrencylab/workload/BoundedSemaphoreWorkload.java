package org.concurrencylab.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * {@code sync.bounded}: Python's BoundedSemaphore against a plain Semaphore. Every task is a worker
 * using a resource {@code uses} times under a semaphore of {@code permits}, holding it
 * {@code holdMillis} each time; worker 0 has a bug: after its first use it releases once more than
 * it acquired, as an error path that releases twice does.
 *
 * <p>Shared: the semaphore and a count of the workers holding the resource now. A plain semaphore
 * takes the extra release as one more permit, forever: from then on {@code permits + 1} workers
 * can hold the resource at once ({@code peakHolders}), and nothing says so but the count. A bounded
 * one refuses any release that would lift it above its permits, as Python raises ValueError
 * ("Semaphore released too many times"); the worker catches it and carries on, so the run still
 * succeeds and the refusal is counted ({@code overReleasesCaught}). Like Python's, it compares its
 * count with its permits, not releases with acquires: a bad release made while others hold permits
 * still fits under the bound, and the release refused is a later, proper one that would pass it. In
 * between one worker too many may get in; the count of permits is right again from then on.
 * Each task returns its number of uses, so the checksum is workers times uses.
 */
final class BoundedSemaphoreWorkload implements Workload {

    // The resource and its use are sync.semaphore's; only the bug and the bound are this lab's.
    static final Param.Int PERMITS = SemaphoreWorkload.PERMITS;
    static final Param.Int USES = SemaphoreWorkload.USES;
    static final Param.Int HOLD_MILLIS = SemaphoreWorkload.HOLD_MILLIS;
    static final Param.Flag BOUNDED = Param.flag("bounded", "1: a BoundedSemaphore, which refuses the extra release; "
            + "0: a plain Semaphore, which silently grows by one permit", true);

    static final Metric.Text KIND = Metric.text("semaphore", Aggregation.SAME, "bounded or plain");
    static final Metric.Count PERMITS_GIVEN = Metric.count("permits", "permits", Aggregation.SAME,
            "the permits the semaphore was made with");
    static final Metric.Count PEAK_HOLDERS = Metric.count("peakHolders", "workers", Aggregation.MAX,
            "most workers that held the resource at once; above permits once a plain semaphore has grown");
    static final Metric.Count PERMITS_AT_END = Metric.count("permitsAtEnd", "permits", Aggregation.SAME,
            "permits available once every worker finished: permits when bounded, permits + 1 when plain");
    static final Metric.Count OVER_RELEASES_CAUGHT = Metric.count("overReleasesCaught", "releases", Aggregation.SUM,
            "releases the bounded semaphore refused (Python's ValueError), caught by the worker");
    static final Metric.Count ACQUISITIONS = SemaphoreWorkload.ACQUISITIONS;

    static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("sync.bounded", WorkKind.SHARED_STATE)
            .description("BoundedSemaphore: every task is a worker using a resource uses times under a semaphore of "
                    + "permits; worker 0 releases once more than it acquired. With bounded 1 the extra release is "
                    + "refused and caught (overReleasesCaught, the run still succeeds); with bounded 0 a plain "
                    + "semaphore silently grows (permitsAtEnd = permits + 1) and, with more workers than permits, "
                    + "peakHolders exceeds permits.")
            .params(PERMITS, USES, HOLD_MILLIS, BOUNDED)
            .refuse(ExecutionModel.PROCESSES, Refusals.NO_SHARED_COUNTER)
            .tasks(new TaskShape.OnePerTask())
            .metrics(KIND, PERMITS_GIVEN, PEAK_HOLDERS, PERMITS_AT_END, OVER_RELEASES_CAUGHT, ACQUISITIONS)
            .factory(p -> new BoundedSemaphoreWorkload((int) p.get(PERMITS), p.get(USES), p.get(HOLD_MILLIS),
                    p.get(BOUNDED)))
            .narrator(BoundedSemaphoreWorkload::narrate)
            .build();

    /** The buggy worker: one is enough, and the first is always among the tasks. */
    private static final int BUGGY_WORKER = 0;

    private final int permits;
    private final long uses;
    private final long holdMillis;
    private final boolean bounded;

    private final GuardedResource resource;
    private final Semaphore semaphore;
    private final AtomicLong overReleasesCaught = new AtomicLong();

    BoundedSemaphoreWorkload(int permits, long uses, long holdMillis, boolean bounded) {
        this.permits = permits;
        this.uses = uses;
        this.holdMillis = holdMillis;
        this.bounded = bounded;
        this.resource = new GuardedResource(permits);
        this.semaphore = resource.semaphore();
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        for (long use = 0; use < uses; use++) {
            resource.acquire(context);
            try {
                resource.hold(context, holdMillis);
            } finally {
                release();
            }
            if (taskIndex == BUGGY_WORKER && use == 0) {
                // The bug: released again, as an error path that already released would.
                release();
            }
        }
        return uses;
    }

    private void release() {
        if (!bounded) {
            semaphore.release();
            return;
        }
        try {
            boundedRelease();
        } catch (IllegalStateException e) {
            // What a Python worker's `except ValueError` does: note it and go on.
            overReleasesCaught.incrementAndGet();
        }
    }

    /**
     * Python's BoundedSemaphore.release: refuses a release that would lift the count above its
     * permits. Releases take turns here, so none can slip past the check together; an acquire in
     * between only lowers the count, which keeps the check true.
     */
    private synchronized void boundedRelease() {
        if (semaphore.availablePermits() >= permits) {
            throw new IllegalStateException("Semaphore released too many times");
        }
        semaphore.release();
    }

    @Override
    public Observations observations() {
        return Observations.builder()
                .put(KIND, bounded ? "bounded" : "plain")
                .put(PERMITS_GIVEN, permits)
                .put(PEAK_HOLDERS, resource.peakHolders())
                .put(PERMITS_AT_END, semaphore.availablePermits())
                .put(OVER_RELEASES_CAUGHT, overReleasesCaught.get())
                .put(ACQUISITIONS, resource.acquisitions())
                .build();
    }

    /** What the extra release did: refused and caught, or a permit more, and whether it showed in the holders. */
    private static List<String> narrate(ObservedFacts facts) {
        OptionalDouble permits = facts.number(PERMITS_GIVEN);
        OptionalDouble atEnd = facts.number(PERMITS_AT_END);
        OptionalDouble peak = facts.number(PEAK_HOLDERS);
        if (permits.isEmpty() || atEnd.isEmpty() || peak.isEmpty()) {
            return List.of();
        }
        List<String> sentences = new ArrayList<>();
        double caught = facts.number(OVER_RELEASES_CAUGHT).orElse(0);
        if (caught > 0) {
            sentences.add(String.format(Locale.ROOT, "The BoundedSemaphore refused %s release%s beyond its %s permits "
                    + "(Python raises ValueError: Semaphore released too many times); the worker caught it and the "
                    + "run went on, ending with its %s permits.%s",
                    Words.number(caught), caught == 1 ? "" : "s", Words.number(permits.getAsDouble()),
                    Words.number(atEnd.getAsDouble()), peak.getAsDouble() > permits.getAsDouble()
                            ? " Like Python's, it checks its count, not who acquired: the bad release came while others "
                                    + "held permits, so it fitted under the bound and let " + Words.number(peak.getAsDouble())
                                    + " workers in at once until a later release was refused."
                            : ""));
        } else if (atEnd.getAsDouble() > permits.getAsDouble()) {
            sentences.add(String.format(Locale.ROOT, "The plain semaphore took the extra release as one more permit, "
                    + "silently: it ended with %s permits instead of %s%s. A BoundedSemaphore (bounded 1) would have "
                    + "refused the release and shown the bug.", Words.number(atEnd.getAsDouble()),
                    Words.number(permits.getAsDouble()), peak.getAsDouble() > permits.getAsDouble()
                            ? String.format(Locale.ROOT, ", and %s workers held the resource at once",
                                    Words.number(peak.getAsDouble()))
                            : " (with more workers than permits, more would have held the resource at once)"));
        }
        return sentences;
    }
}
