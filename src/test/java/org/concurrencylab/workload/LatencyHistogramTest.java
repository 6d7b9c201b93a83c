package org.concurrencylab.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void smallValuesAreExactAndPercentilesAreNearestRank() {
        long[] samples = {7, 1, 5, 3, 9, 2};

        // Nearest rank: the smallest value with at least p% of the samples at or below it.
        assertThat(LatencyHistogram.percentile(samples, 50)).isEqualTo(3);
        assertThat(LatencyHistogram.percentile(samples, 90)).isEqualTo(9);
        assertThat(LatencyHistogram.percentile(samples, 100)).isEqualTo(9);
        assertThat(LatencyHistogram.percentile(new long[] {42}, 50)).isEqualTo(42);
    }

    @Test
    void largeValuesKeepThreeSignificantDigits() {
        LatencyHistogram nanos = LatencyHistogram.of(LongStream.rangeClosed(1, 100_000).toArray());

        assertThat(nanos.percentile(50)).isCloseTo(50_000, Percentage.withPercentage(0.1));
        assertThat(nanos.percentile(99)).isCloseTo(99_000, Percentage.withPercentage(0.1));
        assertThat(nanos.max()).isCloseTo(100_000, Percentage.withPercentage(0.1));
        assertThat(nanos.count()).isEqualTo(100_000);
        assertThat(LatencyHistogram.percentile(new long[] {Long.MAX_VALUE / 4}, 50))
                .isCloseTo(Long.MAX_VALUE / 4, Percentage.withPercentage(0.1));
    }

    @Test
    void histogramsAddUpAndNothingRecordedReadsZero() {
        LatencyHistogram low = LatencyHistogram.of(new long[] {1, 2, 3});
        LatencyHistogram high = LatencyHistogram.of(new long[] {1_000, 2_000, 3_000});
        LatencyHistogram empty = new LatencyHistogram();

        low.add(high);
        low.add(empty);

        assertThat(low.count()).isEqualTo(6);
        assertThat(low.percentile(50)).isEqualTo(3);
        assertThat(low.max()).isCloseTo(3_000, Percentage.withPercentage(0.1));
        assertThat(empty.percentile(50)).isZero();
        assertThat(empty.max()).isZero();
        assertThat(LatencyHistogram.percentile(new long[0], 99)).isZero();
    }

    @Test
    void aNegativeValueCountsAsZero() {
        assertThat(LatencyHistogram.percentile(new long[] {-5, -1, 4}, 50)).isZero();
    }
}
