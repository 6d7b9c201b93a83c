package org.concurrencylab.measure;

import org.HdrHistogram.Histogram;

/** Latency percentiles in milliseconds. */
public record Percentiles(double p50, double p90, double p99, double max) {

    /** Three significant digits: finer than any timer on a shared machine resolves. */
    private static final int SIGNIFICANT_DIGITS = 3;

    public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0);

    /**
     * Records nanosecond durations in an HdrHistogram (microsecond units, auto-resizing) rather
     * than sorting arrays, so this stays cheap for runs of many thousands of tasks.
     */
    public static Percentiles ofNanos(long[] durations) {
        if (durations.length == 0) {
            return EMPTY;
        }
        Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
        for (long nanos : durations) {
            histogram.recordValue(Math.max(0, nanos) / 1_000);
        }
        return new Percentiles(
                micros(histogram.getValueAtPercentile(50)),
                micros(histogram.getValueAtPercentile(90)),
                micros(histogram.getValueAtPercentile(99)),
                micros(histogram.getMaxValue()));
    }

    private static double micros(long micros) {
        return Rounding.millis(micros * 1_000);
    }
}
