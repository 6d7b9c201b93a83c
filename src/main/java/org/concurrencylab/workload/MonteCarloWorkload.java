package org.concurrencylab.workload;

import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.WorkKind;
import org.concurrencylab.core.Workload;
import org.concurrencylab.core.WorkloadDefinition;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Estimates pi by throwing {@code samples} random points at the unit square and counting those
 * inside the quarter circle. Each task has its own generator seeded by its index, never a shared
 * one (a shared {@code Random} would serialize the threads on its seed and make the result depend
 * on scheduling), so the hit count is exact and the same on every model. The hits are the
 * checksum. The only shared state is two counters each task adds to once, for the
 * {@code piEstimate} observation.
 */
final class MonteCarloWorkload implements Workload {

    static final Param.Int SAMPLES = Param.integer("samples", "random points thrown per task", "samples", 1_000_000, 1,
            100_000_000);

    static final Metric.Real PI_ESTIMATE = Metric.real("piEstimate", "", Aggregation.DERIVED,
            "4 x hits / samples over the run's finished tasks");
    static final Metric.Count HITS = Metric.count("hits", "points", Aggregation.SUM, "points inside the quarter circle");
    static final Metric.Count SAMPLES_THROWN = Metric.count("samples", "points", Aggregation.SUM, "points thrown");

    static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("cpu.montecarlo", WorkKind.CPU)
            .description("CPU-bound: each task estimates pi from random points with its own generator seeded by the "
                    + "task index, so the result is exact and identical on every model (a shared generator would make "
                    + "threads wait for each other and the result depend on scheduling). Reports piEstimate.")
            .params(SAMPLES)
            .metrics(PI_ESTIMATE, HITS, SAMPLES_THROWN)
            .factory(p -> new MonteCarloWorkload(p.get(SAMPLES)))
            // The estimate of the whole run is not the sum of the workers' estimates: it is made again
            // from the hits and samples, which do add up.
            .derive(o -> observations(o.get(HITS).orElse(0), o.get(SAMPLES_THROWN).orElse(0)))
            .build();

    // About 70 us of sampling between checkpoints.
    private static final int SAMPLES_PER_CHECKPOINT = 16_384;

    private final long samples;
    private final LongAdder totalHits = new LongAdder();
    private final LongAdder totalSamples = new LongAdder();

    MonteCarloWorkload(long samples) {
        this.samples = samples;
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(taskIndex);
        long hits = 0;
        for (long sample = 1; sample <= samples; sample++) {
            double x = random.nextDouble();
            double y = random.nextDouble();
            if (x * x + y * y <= 1.0) {
                hits++;
            }
            if (sample % SAMPLES_PER_CHECKPOINT == 0) {
                context.checkpoint();
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stopped at sample " + sample);
                }
            }
        }
        totalHits.add(hits);
        totalSamples.add(samples);
        return hits;
    }

    /**
     * {@code hits} and {@code samples} over the run's finished tasks, which add up across worker
     * JVMs, and {@code piEstimate} derived from them (all absent when no task finished).
     */
    @Override
    public Observations observations() {
        return observations(totalHits.sum(), totalSamples.sum());
    }

    /** The observations of these totals, also made again from the totals of several workers. */
    private static Observations observations(long hits, long samples) {
        if (samples == 0) {
            return Observations.NONE;
        }
        return Observations.builder()
                .put(PI_ESTIMATE, 4.0 * hits / samples)
                .put(HITS, hits)
                .put(SAMPLES_THROWN, samples)
                .build();
    }
}
