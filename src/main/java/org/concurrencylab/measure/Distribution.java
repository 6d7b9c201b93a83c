package org.concurrencylab.measure;

import java.util.Collection;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/** Mean, median, sample standard deviation and range of a set of measurements. */
public record Distribution(int n, double mean, double median, double stdDev, double min, double max) {

    public static Distribution of(Collection<Double> values) {
        DescriptiveStatistics stats = new DescriptiveStatistics();
        values.forEach(stats::addValue);
        if (stats.getN() == 0) {
            return new Distribution(0, 0, 0, 0, 0, 0);
        }
        return new Distribution(
                (int) stats.getN(),
                Rounding.round3(stats.getMean()),
                Rounding.round3(stats.getPercentile(50)),
                // Sample standard deviation (n-1); a single run has no spread to report.
                stats.getN() > 1 ? Rounding.round3(stats.getStandardDeviation()) : 0,
                Rounding.round3(stats.getMin()),
                Rounding.round3(stats.getMax()));
    }
}
