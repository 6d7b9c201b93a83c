package org.concurrencylab.workload;

import org.HdrHistogram.Histogram;

/**
 * The lab's one way to take percentiles, of latencies and other non-negative integers (nanoseconds,
 * microseconds): an HdrHistogram keeping three significant digits, so every value is read back
 * within 0.1% and a million samples need no million-entry array. A percentile is the nearest rank,
 * read as the highest value its bucket holds (values under 2,048 are exact).
 *
 * <p>It lives in this package because workloads take their own percentiles, in worker JVMs too;
 * the worker jar carries HdrHistogram for it, and the server's measurements use the same class.
 * Not thread-safe: record on one thread, or record per thread and {@link #add} under a lock.
 */
public final class LatencyHistogram {

    // Enough to resolve any timer on a shared machine; also what keeps the values users saw.
    private static final int SIGNIFICANT_DIGITS = 3;

    // Auto-resizing: no highest value to guess.
    private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);

    /** A histogram of {@code values}. */
    public static LatencyHistogram of(long[] values) {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long value : values) {
            histogram.record(value);
        }
        return histogram;
    }

    /** The {@code percentile}-th percentile (0 < percentile <= 100) of {@code values}; 0 for none. */
    public static long percentile(long[] values, double percentile) {
        return of(values).percentile(percentile);
    }

    /** Records one value; a negative one (a clock read out of order) counts as 0. */
    public void record(long value) {
        histogram.recordValue(Math.max(0, value));
    }

    /** Adds every value {@code other} recorded. */
    public void add(LatencyHistogram other) {
        histogram.add(other.histogram);
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The {@code percentile}-th percentile (0 < percentile <= 100), by nearest rank; 0 when nothing was recorded. */
    public long percentile(double percentile) {
        return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }

    /** The largest value recorded; 0 when nothing was. */
    public long max() {
        return count() == 0 ? 0 : histogram.getMaxValue();
    }
}
