package org.concurrencylab.measure;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Percentile bootstrap interval of a ratio of medians (baseline median over model median).
 * commons-math3 has no bootstrap, so the resampling loop is written here; the generator, the
 * medians and the percentiles are commons-math3's.
 */
final class Bootstrap {

    /** Enough for stable 2.5% and 97.5% percentiles (50 resamples beyond each end). */
    static final int RESAMPLES = 2_000;

    /** Fixed, so the same runs always give the same interval (results are stored and compared). */
    static final long SEED = 20_240_605L;

    private Bootstrap() {}

    /** {low, high} of the 95% interval, or null when either side has fewer than two values or a median of zero. */
    static double[] medianRatio95(double[] numerator, double[] denominator, int resamples, long seed) {
        if (numerator.length < 2 || denominator.length < 2) {
            // A single value has no spread to resample: the interval would pretend that side is exact.
            return null;
        }
        for (double value : denominator) {
            if (!(value > 0)) {
                return null;
            }
        }
        RandomGenerator random = new Well19937c(seed);
        Median median = new Median();
        double[] num = new double[numerator.length];
        double[] den = new double[denominator.length];
        double[] ratios = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            resample(numerator, num, random);
            resample(denominator, den, random);
            ratios[b] = median.evaluate(num) / median.evaluate(den);
        }
        Percentile percentile = new Percentile();
        return new double[] {percentile.evaluate(ratios, 2.5), percentile.evaluate(ratios, 97.5)};
    }

    private static void resample(double[] from, double[] into, RandomGenerator random) {
        for (int i = 0; i < into.length; i++) {
            into[i] = from[random.nextInt(from.length)];
        }
    }
}
