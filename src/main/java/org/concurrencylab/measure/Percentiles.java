package org.concurrencylab.measure;

import org.concurrencylab.workload.LatencyHistogram;

/** Latency percentiles in milliseconds. */
public record Percentiles(double p50, double p90, double p99, double max) {

    public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0);

    /**
     * Percentiles of nanosecond durations, taken in whole microseconds by the lab's one histogram
     * rather than by sorting arrays, so this stays cheap for runs of many thousands of tasks.
     */
    public static Percentiles ofNanos(long[] durations) {
        if (durations.length == 0) {
            return EMPTY;
        }
        LatencyHistogram micros = new LatencyHistogram();
        for (long nanos : durations) {
            micros.record(nanos / 1_000);
        }
        return new Percentiles(
                millis(micros.percentile(50)),
                millis(micros.percentile(90)),
                millis(micros.percentile(99)),
                millis(micros.max()));
    }

    private static double millis(long micros) {
        return Rounding.millis(micros * 1_000);
    }
}
