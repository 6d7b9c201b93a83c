package org.concurrencylab.measure;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * Mean, median, sample standard deviation and range of a set of measurements, with the 95%
 * confidence interval of the mean, the coefficient of variation and the outliers.
 *
 * @param ci95Low lower end of the 95% confidence interval of the mean (Student t, n-1 degrees of
 *     freedom); absent for fewer than two values
 * @param ci95High upper end of that interval; absent for fewer than two values
 * @param coefficientOfVariation sample standard deviation over mean (0.05 = 5%); absent for fewer
 *     than two values or a zero mean
 * @param outliers the values whose modified z-score exceeds 3.5, in input order (empty when none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Distribution(
        int n,
        double mean,
        double median,
        double stdDev,
        double min,
        double max,
        Double ci95Low,
        Double ci95High,
        Double coefficientOfVariation,
        List<Double> outliers) {

    /** Iglewicz and Hoaglin's cut-off for the modified z-score, the one hyperfine uses. */
    static final double OUTLIER_THRESHOLD = 3.5;

    /** 0.6745 is the 75th percentile of the standard normal: it makes MAD comparable to a standard deviation. */
    private static final double MAD_TO_SIGMA = 0.6745;

    public Distribution {
        outliers = List.copyOf(outliers);
    }

    public static Distribution of(Collection<Double> values) {
        DescriptiveStatistics stats = new DescriptiveStatistics();
        values.forEach(stats::addValue);
        long n = stats.getN();
        if (n == 0) {
            return new Distribution(0, 0, 0, 0, 0, 0, null, null, null, List.of());
        }
        double mean = stats.getMean();
        double median = stats.getPercentile(50);
        // Sample standard deviation (n-1); a single run has no spread to report.
        double stdDev = n > 1 ? stats.getStandardDeviation() : 0;
        Double ciLow = null;
        Double ciHigh = null;
        Double cv = null;
        if (n > 1) {
            double halfWidth = tQuantile975(n - 1) * stdDev / Math.sqrt(n);
            ciLow = Rounding.round3(mean - halfWidth);
            ciHigh = Rounding.round3(mean + halfWidth);
            cv = mean != 0 ? Rounding.round3(stdDev / mean) : null;
        }
        return new Distribution(
                (int) n,
                Rounding.round3(mean),
                Rounding.round3(median),
                Rounding.round3(stdDev),
                Rounding.round3(stats.getMin()),
                Rounding.round3(stats.getMax()),
                ciLow,
                ciHigh,
                cv,
                outliers(stats.getValues(), median));
    }

    /** The two-sided 95% critical value of Student's t: t(0.975, df). */
    static double tQuantile975(long degreesOfFreedom) {
        // No random generator needed: only the quantile function is used.
        return new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(0.975);
    }

    /**
     * Modified z-score M = 0.6745 (x - median) / MAD, flagged when |M| > 3.5 (Iglewicz and
     * Hoaglin, as hyperfine does). Written here because commons-math3 has no median absolute
     * deviation or modified z-score; the medians themselves come from its {@link Median}. With
     * MAD = 0 (at least half the values identical) the score is undefined, so nothing is flagged.
     */
    static List<Double> outliers(double[] values, double median) {
        double[] deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - median);
        }
        double mad = new Median().evaluate(deviations);
        List<Double> flagged = new ArrayList<>();
        if (!(mad > 0)) {
            return flagged;
        }
        for (double value : values) {
            if (Math.abs(MAD_TO_SIGMA * (value - median) / mad) > OUTLIER_THRESHOLD) {
                flagged.add(Rounding.round3(value));
            }
        }
        return flagged;
    }
}
