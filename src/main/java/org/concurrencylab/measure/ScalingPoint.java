package org.concurrencylab.measure;

/**
 * One measured run at one parallelism, as the scaling laws read it: a speedup for Amdahl, a
 * throughput for the Universal Scalability Law. Several runs at the same parallelism are several
 * points; the fits count each run once.
 *
 * @param parallelism workers (threads, processes) that ran the work, at least 1
 * @param value the speedup or the throughput of that run, positive
 * @param weight how much the point counts in the least-squares sum (1 for a single run; a median
 *     of k runs may carry k)
 */
public record ScalingPoint(int parallelism, double value, double weight) {

    public ScalingPoint {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("a speedup or throughput must be positive and finite, was " + value);
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("a weight must be positive and finite, was " + weight);
        }
    }

    /** One run, weight 1. */
    public static ScalingPoint of(int parallelism, double value) {
        return new ScalingPoint(parallelism, value, 1);
    }
}
