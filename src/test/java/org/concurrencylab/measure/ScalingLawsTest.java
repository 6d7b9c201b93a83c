package org.concurrencylab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Amdahl and USL fits against a published example and against data made from known coefficients. */
class ScalingLawsTest {

    /**
     * The Cisco UCS MySQL benchmark from Baron Schwartz, "Practical Scalability Analysis with the
     * Universal Scalability Law" (VividCortex, 2015): concurrency 1 to 32 and throughput.
     */
    private static final double[] CISCO = {
        955.16, 1878.91, 2688.01, 3548.68, 4315.54, 5130.43, 5931.37, 6531.08, 7219.8, 7867.61,
        8278.71, 8646.7, 9047.84, 9426.55, 9645.37, 9897.24, 10097.6, 10240.5, 10532.39, 10798.52,
        11151.43, 11518.63, 11806, 12089.37, 12075.41, 12177.29, 12211.41, 12158.93, 12155.27, 12118.04,
        12140.4, 12074.39};

    @Test
    void uslReproducesTheBookCoefficientsForTheCiscoBenchmark() {
        List<ScalingPoint> points = new ArrayList<>();
        for (int i = 0; i < CISCO.length; i++) {
            points.add(ScalingPoint.of(i + 1, CISCO[i]));
        }
        UslFit fit = UslFit.of(points);
        // The book's R nls fit: sigma 0.02671591, kappa 7.690945e-4, lambda 995.6486. They agree
        // within 2 parts per million; the last printed digits are where nls stopped (its relative
        // tolerance is 1e-5). The exact least-squares optimum, which SciPy's least_squares also
        // finds, is sigma 0.026715945, kappa 7.6909392e-4, lambda 995.648785 (usl4j's test of the
        // same data has 995.648772 for X(1)).
        assertThat(fit.sigma()).isCloseTo(0.02671591, withinPercentage(0.0002));
        assertThat(fit.kappa()).isCloseTo(7.690945e-4, withinPercentage(0.0002));
        assertThat(fit.lambda()).isCloseTo(995.6486, withinPercentage(0.0002));
        assertThat(fit.sigma()).isCloseTo(0.026715945, within(1e-9));
        assertThat(fit.kappa()).isCloseTo(7.6909392e-4, within(1e-12));
        assertThat(fit.lambda()).isCloseTo(995.648785, within(1e-5));
        // The book's peak: N max = 35 (sqrt(0.9733 / 0.000769) = 35.6) at X max = 12341.
        assertThat(fit.peakParallelism()).isCloseTo(35.57, within(0.01));
        assertThat(fit.throughputAt(35)).isCloseTo(12341, within(1.0));
        assertThat(fit.peakNote()).contains("Beyond the measured range (up to 32)");
        assertThat(fit.rSquared()).isGreaterThan(0.99);
        // One run per concurrency: intervals from the standard errors, estimate -/+ t(0.975, 29) SE,
        // as SciPy's curve_fit covariance gives them (SE 0.0044938 and 8.64545e-5).
        assertThat(fit.intervalMethod()).startsWith("standard errors");
        assertThat(fit.sigmaCi95Low()).isCloseTo(0.0175250349, withinPercentage(0.01));
        assertThat(fit.sigmaCi95High()).isCloseTo(0.0359068552, withinPercentage(0.01));
        assertThat(fit.kappaCi95Low()).isCloseTo(5.92274692e-4, withinPercentage(0.01));
        assertThat(fit.kappaCi95High()).isCloseTo(9.45913144e-4, withinPercentage(0.01));
    }

    @Test
    void uslRecoversExactCoefficientsFromNoiselessData() {
        List<ScalingPoint> points = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            points.add(ScalingPoint.of(n, UslModel.throughput(0.05, 0.002, 100, n)));
        }
        UslFit fit = UslFit.of(points);
        assertThat(fit.sigma()).isCloseTo(0.05, within(1e-9));
        assertThat(fit.kappa()).isCloseTo(0.002, within(1e-10));
        assertThat(fit.lambda()).isCloseTo(100, within(1e-6));
        assertThat(fit.rSquared()).isCloseTo(1, within(1e-12));
        // sqrt(0.95 / 0.002) = 21.79
        assertThat(fit.peakParallelism()).isCloseTo(Math.sqrt(0.95 / 0.002), within(1e-6));
    }

    @Test
    void uslBootstrapOverRunsCoversKnownCoefficientsAndIsDeterministic() {
        // Five runs per parallelism, 2% multiplicative noise: the resampled intervals must hold the truth.
        Random random = new Random(7);
        List<ScalingPoint> points = new ArrayList<>();
        for (int n = 1; n <= 12; n++) {
            for (int run = 0; run < 5; run++) {
                points.add(ScalingPoint.of(n, UslModel.throughput(0.08, 0.004, 50, n) * (1 + 0.02 * random.nextGaussian())));
            }
        }
        UslFit fit = UslFit.of(points);
        assertThat(fit.intervalMethod()).startsWith("bootstrap: 2000 resamples");
        assertThat(fit.sigma()).isCloseTo(0.08, within(0.02));
        assertThat(fit.kappa()).isCloseTo(0.004, within(0.001));
        assertThat(0.08).isBetween(fit.sigmaCi95Low(), fit.sigmaCi95High());
        assertThat(0.004).isBetween(fit.kappaCi95Low(), fit.kappaCi95High());
        // sqrt(0.92 / 0.004) = 15.2, past the 12 measured: reported, with a note that it is extrapolated.
        assertThat(fit.peakParallelism()).isCloseTo(Math.sqrt(0.92 / 0.004), within(2.0));
        assertThat(fit.peakNote()).startsWith("Beyond the measured range (up to 12)");
        assertThat(UslFit.of(points)).isEqualTo(fit);
    }

    @Test
    void uslKeepsCoefficientsNonNegativeAndSaysThereIsNoPeak() {
        // Slightly superlinear throughputs: an unconstrained fit would give sigma and kappa below 0.
        List<ScalingPoint> points = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            points.add(ScalingPoint.of(n, 100.0 * n * (1 + 0.01 * (n - 1))));
        }
        UslFit fit = UslFit.of(points);
        assertThat(fit.sigma()).isGreaterThanOrEqualTo(0);
        assertThat(fit.kappa()).isZero();
        assertThat(fit.peakParallelism()).isNull();
        assertThat(fit.peakNote()).startsWith("None within range: coherency (kappa) is about 0 (fitted as 0)");
    }

    @Test
    void uslWithoutCoherencyLevelsOffAtLambdaOverSigma() {
        // Amdahl-shaped throughput (kappa = 0, sigma = 0.2) with a little noise on two runs per value.
        List<ScalingPoint> points = new ArrayList<>();
        double[] noise = {0.01, -0.01};
        for (int n = 1; n <= 8; n++) {
            for (double e : noise) {
                points.add(ScalingPoint.of(n, UslModel.throughput(0.2, 0, 10, n) * (1 + e * (n % 3 - 1))));
            }
        }
        UslFit fit = UslFit.of(points);
        assertThat(fit.sigma()).isCloseTo(0.2, within(0.01));
        assertThat(fit.kappaCi95Low()).isZero();
        assertThat(fit.peakParallelism()).isNull();
        assertThat(fit.peakNote()).contains("levels off towards lambda / sigma");
    }

    @Test
    void uslPeaksAtOneWorkerWhenASecondCostsMoreThanItAdds() {
        List<ScalingPoint> coherency = new ArrayList<>();
        List<ScalingPoint> contention = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            // sqrt((1 - 0.3) / 1) = 0.84 < 1; and sigma 1.2 makes every worker after the first a loss.
            coherency.add(ScalingPoint.of(n, UslModel.throughput(0.3, 1, 100, n)));
            contention.add(ScalingPoint.of(n, UslModel.throughput(1.2, 0, 100, n)));
        }
        UslFit first = UslFit.of(coherency);
        assertThat(first.peakParallelism()).isEqualTo(1.0);
        assertThat(first.peakThroughput()).isCloseTo(100, within(1e-6));
        assertThat(first.describe()).endsWith("one worker at a time, a second one adds nothing");
        UslFit second = UslFit.of(contention);
        assertThat(second.sigma()).isCloseTo(1.2, within(1e-9));
        assertThat(second.peakParallelism()).isEqualTo(1.0);
        assertThat(second.peakNote()).startsWith("Throughput does not grow beyond one worker: contention");
    }

    @Test
    void uslNeedsThreeParallelismValues() {
        UslFit fit = UslFit.of(List.of(ScalingPoint.of(1, 10), ScalingPoint.of(2, 19), ScalingPoint.of(2, 18)));
        assertThat(fit.sigma()).isNull();
        assertThat(fit.points()).isEqualTo(3);
        assertThat(fit.note()).isEqualTo("Not fitted: the throughputs cover 2 parallelism values and the law's"
                + " three coefficients need at least 3.");
    }

    @Test
    void amdahlRecoversTheSerialFractionOfExactSpeedups() {
        // f = 0.1: S(2) = 1/0.55 = 1.818, S(4) = 1/0.325 = 3.077, S(8) = 1/0.2125 = 4.706.
        List<ScalingPoint> points = List.of(ScalingPoint.of(1, 1), ScalingPoint.of(2, 1 / 0.55),
                ScalingPoint.of(4, 1 / 0.325), ScalingPoint.of(8, 1 / 0.2125));
        AmdahlFit fit = AmdahlFit.of(points);
        assertThat(fit.serialFraction()).isCloseTo(0.1, within(1e-9));
        assertThat(fit.rSquared()).isCloseTo(1, within(1e-12));
        assertThat(fit.ci95Low()).isCloseTo(0.1, within(1e-6));
        assertThat(fit.ci95High()).isCloseTo(0.1, within(1e-6));
        assertThat(fit.speedupAt(16)).isCloseTo(1 / (0.1 + 0.9 / 16), within(1e-9));
        assertThat(fit.note()).isNull();
    }

    @Test
    void amdahlIntervalFromTheStandardErrorHoldsTheTruth() {
        // f = 0.25 with noise of a few percent on three runs per parallelism.
        double[] noise = {0.03, -0.02, 0.0};
        List<ScalingPoint> points = new ArrayList<>();
        for (int p : new int[] {1, 2, 3, 4}) {
            for (double e : noise) {
                points.add(ScalingPoint.of(p, (1 + e) / (0.25 + 0.75 / p)));
            }
        }
        AmdahlFit fit = AmdahlFit.of(points);
        // SciPy's curve_fit on the same points: f = 0.24774908, 95% interval 0.23786936 to 0.25762881.
        assertThat(fit.serialFraction()).isCloseTo(0.24774908, within(1e-7));
        assertThat(fit.ci95Low()).isCloseTo(0.23786936, within(1e-6));
        assertThat(fit.ci95High()).isCloseTo(0.25762881, within(1e-6));
        assertThat(0.25).isBetween(fit.ci95Low(), fit.ci95High());
    }

    @Test
    void amdahlSaysWhySuperlinearSpeedupsGiveANegativeFraction() {
        AmdahlFit fit = AmdahlFit.of(List.of(ScalingPoint.of(1, 1), ScalingPoint.of(2, 2.2), ScalingPoint.of(4, 4.6)));
        assertThat(fit.serialFraction()).isNegative();
        assertThat(fit.note()).startsWith("The speedups exceed the parallelism");
    }

    @Test
    void amdahlNeedsThreeParallelismValues() {
        AmdahlFit fit = AmdahlFit.of(List.of(ScalingPoint.of(1, 1), ScalingPoint.of(4, 3)));
        assertThat(fit.serialFraction()).isNull();
        assertThat(fit.note()).startsWith("Not fitted: the speedups cover 2 parallelism values");
    }

    @Test
    void fitsSerialiseAsTheStudyResponseNamesThem() {
        List<ScalingPoint> speedups = List.of(ScalingPoint.of(1, 1), ScalingPoint.of(2, 1 / 0.55),
                ScalingPoint.of(4, 1 / 0.325));
        List<ScalingPoint> throughputs = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            throughputs.add(ScalingPoint.of(n, UslModel.throughput(0.05, 0.002, 100, n)));
        }
        JsonNode json = JsonMapper.builder().build().valueToTree(ScalingLaws.fit(speedups, throughputs));
        assertThat(json.get("amdahl").propertyNames()).containsExactly("serialFraction", "ci95Low", "ci95High",
                "rSquared", "points");
        assertThat(json.get("usl").propertyNames()).containsExactly("sigma", "kappa", "lambda", "sigmaCi95Low",
                "sigmaCi95High", "kappaCi95Low", "kappaCi95High", "intervalMethod", "rSquared", "peakParallelism",
                "peakThroughput", "peakNote", "points");
        assertThat(json.get("usl").get("sigma").asDouble()).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void fitsInAPhrase() {
        assertThat(AmdahlFit.of(List.of(ScalingPoint.of(1, 1), ScalingPoint.of(2, 1 / 0.55), ScalingPoint.of(4,
                1 / 0.325))).describe()).isEqualTo("serial fraction 0.100: at most 10.0x on any number of workers");
        List<ScalingPoint> peaked = new ArrayList<>();
        List<ScalingPoint> flat = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            peaked.add(ScalingPoint.of(n, UslModel.throughput(0.05, 0.02, 100, n)));
            flat.add(ScalingPoint.of(n, UslModel.throughput(0.98, 0, 100, n)));
        }
        // sqrt(0.95 / 0.02) = 6.9 workers.
        assertThat(UslFit.of(peaked).describe()).isEqualTo("contention 0.0500, coherency 0.0200: throughput peaks"
                + " at about 7 workers");
        assertThat(UslFit.of(flat).describe()).isEqualTo("contention 0.980, coherency about 0: throughput levels off"
                + " at 1.02x one worker's");
        assertThat(UslFit.of(flat.subList(0, 2)).describe()).startsWith("Not fitted");
    }

    @Test
    void weakScalingEfficiencyIsTimeAtOneOverTimeAtP() {
        assertThat(ScalingLaws.weakScalingEfficiency(100, 125)).isCloseTo(0.8, within(1e-12));
        assertThat(ScalingLaws.weakScalingEfficiency(100, 100)).isCloseTo(1, within(1e-12));
        assertThat(ScalingLaws.weakScalingEfficiency(0, 100)).isNull();
    }
}
