package org.concurrencylab.workload;

import java.util.LinkedHashMap;
import java.util.Map;
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
    public Map<String, Object> observations() {
        return observations(totalHits.sum(), totalSamples.sum());
    }

    /** The observations of these totals: shared with {@link WorkloadKind#combineObservations}. */
    static Map<String, Object> observations(long hits, long samples) {
        if (samples == 0) {
            return Map.of();
        }
        Map<String, Object> observations = new LinkedHashMap<>();
        observations.put("piEstimate", 4.0 * hits / samples);
        observations.put("hits", hits);
        observations.put("samples", samples);
        return observations;
    }
}
