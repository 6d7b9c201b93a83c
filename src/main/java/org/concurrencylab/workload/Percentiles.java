package org.concurrencylab.workload;

import java.util.Arrays;

/** Nearest-rank percentiles of a lab's own samples (this package may not use the measure package). */
final class Percentiles {

    private Percentiles() {}

    /** The {@code p}-th percentile (0 < p <= 100) of samples, by nearest rank; 0 for no samples. */
    static long of(long[] samples, double p) {
        if (samples.length == 0) {
            return 0;
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }
}
