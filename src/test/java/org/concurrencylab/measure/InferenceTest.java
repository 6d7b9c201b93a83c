package org.concurrencylab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.Observations;
import org.concurrencylab.workload.Workloads;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Confidence intervals, outliers, bootstrap, Karp-Flatt and warnings against known values. */
class InferenceTest {

    private static final Environment QUIET = environment(0.5, 2);

    @Test
    void tIntervalOfFiveValuesMatchesTheTable() {
        // 10, 12, 14, 16, 18: mean 14, s = sqrt(40/4) = 3.162, standard error s/sqrt(5) = 1.414.
        // t(0.975, 4) = 2.776 from the table, so 14 -/+ 2.776 * 1.414 = [10.074, 17.926].
        Distribution d = Distribution.of(List.of(10.0, 12.0, 14.0, 16.0, 18.0));
        assertThat(Distribution.tQuantile975(4)).isCloseTo(2.776, within(0.001));
        assertThat(d.ci95Low()).isCloseTo(10.074, within(0.002));
        assertThat(d.ci95High()).isCloseTo(17.926, within(0.002));
        assertThat(d.coefficientOfVariation()).isCloseTo(3.162 / 14, within(0.001));
        assertThat(d.outliers()).isEmpty();
    }

    @Test
    void tIntervalOfTwoValuesUsesTwelvePointSevenOne() {
        // 1 and 3: mean 2, s = sqrt(2), se = 1, t(0.975, 1) = 12.706.
        Distribution d = Distribution.of(List.of(1.0, 3.0));
        assertThat(d.ci95Low()).isCloseTo(2 - 12.706, within(0.001));
        assertThat(d.ci95High()).isCloseTo(2 + 12.706, within(0.001));
    }

    @Test
    void fewerThanTwoValuesHaveNoIntervalNorVariation() {
        Distribution one = Distribution.of(List.of(3.0));
        assertThat(one.ci95Low()).isNull();
        assertThat(one.ci95High()).isNull();
        assertThat(one.coefficientOfVariation()).isNull();
        assertThat(one.outliers()).isEmpty();
        assertThat(Distribution.of(List.of()).ci95Low()).isNull();
    }

    @Test
    void modifiedZScoreFlagsThePlantedOutlierOnly() {
        // Median 10.1; absolute deviations 0.3 0.2 0.1 0 0.1 0.2 9.9, so MAD = 0.2.
        // 20: 0.6745 * 9.9 / 0.2 = 33.4 > 3.5. 9.8 (furthest of the rest): 0.6745 * 0.3 / 0.2 = 1.01.
        Distribution d = Distribution.of(List.of(9.8, 9.9, 10.0, 10.1, 10.2, 10.3, 20.0));
        assertThat(d.outliers()).containsExactly(20.0);
    }

    @Test
    void modifiedZScoreJustAboveAndBelowTheThreshold() {
        // Median 0, MAD 1: x is flagged when 0.6745 |x| > 3.5, i.e. |x| > 5.189.
        double[] values = {-1, -1, 0, 1, 1, 5.1, -5.3};
        assertThat(Distribution.outliers(values, 0)).containsExactly(-5.3);
    }

    @Test
    void noOutliersWhenTheMedianAbsoluteDeviationIsZero() {
        assertThat(Distribution.of(List.of(5.0, 5.0, 5.0, 5.0, 9.0)).outliers()).isEmpty();
    }

    @Test
    void karpFlattSerialFraction() {
        assertThat(Summary.karpFlatt(1.6, 2)).isCloseTo(0.25, within(1e-12));
        // p = 4, S = 3: (1/3 - 1/4) / (3/4) = 1/9.
        assertThat(Summary.karpFlatt(3, 4)).isCloseTo(1.0 / 9, within(1e-12));
        // Perfect scaling has no serial part; no speedup at all is entirely serial.
        assertThat(Summary.karpFlatt(4, 4)).isCloseTo(0, within(1e-12));
        assertThat(Summary.karpFlatt(1.6, 1)).isNull();
        // Outside (1, p] it is no fraction of the work (seen: 1.247, 1.06, -0.001): left out.
        assertThat(Summary.karpFlatt(1, 4)).isNull();
        assertThat(Summary.karpFlatt(0.8, 2)).isNull();
        assertThat(Summary.karpFlatt(2.1, 2)).isNull();
    }

    @Test
    void aSpeedupOutsideOneToPHasNoSerialFractionAndSaysWhy() {
        Summary slower = Summary.of(pairs(new double[] {100, 101, 99}, new double[] {120, 121, 119}), 2, QUIET);
        Summary superlinear = Summary.of(pairs(new double[] {100, 101, 99}, new double[] {40, 41, 39}), 2, QUIET);

        assertThat(slower.serialFraction()).isNull();
        assertThat(slower.warnings()).extracting(Warning::code).contains(Warning.Code.SERIAL_FRACTION_UNDEFINED);
        assertThat(superlinear.serialFraction()).isNull();
        assertThat(superlinear.warnings()).extracting(Warning::code).contains(Warning.Code.SERIAL_FRACTION_UNDEFINED);
    }

    @Test
    void summaryCarriesSerialFractionAndColdRun() {
        List<RunResult> runs = List.of(
                run(0, true, true, 200), run(1, true, false, 150), run(2, true, false, 90),
                run(3, false, true, 160), run(4, false, false, 100),
                run(5, false, true, 160), run(6, false, false, 100),
                run(7, false, true, 160), run(8, false, false, 100));
        Summary s = Summary.of(runs, 2, QUIET);
        assertThat(s.speedup()).isEqualTo(1.6);
        assertThat(s.serialFraction()).isEqualTo(0.25);
        assertThat(s.coldRunWallMillis()).isEqualTo(150);
        assertThat(Summary.of(runs, 1, QUIET).serialFraction()).isNull();
        assertThat(Summary.of(runs.subList(3, 9), 2, QUIET).coldRunWallMillis()).isNull();
    }

    @Test
    void bootstrapIntervalContainsThePointEstimateAndIsReproducible() {
        List<RunResult> runs = pairs(new double[] {100, 104, 97, 101, 99, 103}, new double[] {52, 55, 50, 51, 58, 53});
        Summary first = Summary.of(runs, 2, QUIET);
        Summary second = Summary.of(runs, 2, QUIET);
        assertThat(first.speedup()).isCloseTo(100.5 / 52.5, within(0.001));
        assertThat(first.speedupCi95Low()).isLessThanOrEqualTo(first.speedup());
        assertThat(first.speedupCi95High()).isGreaterThanOrEqualTo(first.speedup());
        assertThat(first.speedupCi95Low()).isLessThan(first.speedupCi95High());
        assertThat(second.speedupCi95Low()).isEqualTo(first.speedupCi95Low());
        assertThat(second.speedupCi95High()).isEqualTo(first.speedupCi95High());

        double[] base = {100, 104, 97, 101, 99, 103};
        double[] model = {52, 55, 50, 51, 58, 53};
        assertThat(Bootstrap.medianRatio95(base, model, 2_000, 7))
                .containsExactly(Bootstrap.medianRatio95(base, model, 2_000, 7));
    }

    @Test
    void bootstrapIntervalAlwaysContainsThePointEstimate() {
        Random random = new Random(1);
        for (int trial = 0; trial < 100; trial++) {
            int n = 2 + random.nextInt(4);
            double[] base = new double[n];
            double[] model = new double[n];
            for (int i = 0; i < n; i++) {
                // Skewed, heavy-tailed times make the percentile interval lopsided.
                base[i] = 100 * Math.exp(random.nextGaussian() * 0.4);
                model[i] = 50 * Math.exp(random.nextGaussian() * 0.4);
            }
            Summary s = Summary.of(pairs(base, model), 2, QUIET);
            assertThat(s.speedupCi95Low()).as("trial %d", trial).isLessThanOrEqualTo(s.speedup());
            assertThat(s.speedupCi95High()).as("trial %d", trial).isGreaterThanOrEqualTo(s.speedup());
        }
    }

    @Test
    void noIntervalWithASingleRunOnEitherSide() {
        Summary s = Summary.of(pairs(new double[] {100}, new double[] {50}), 2, QUIET);
        assertThat(s.speedup()).isEqualTo(2.0);
        assertThat(s.speedupCi95Low()).isNull();
        assertThat(s.speedupCi95High()).isNull();
    }

    @Test
    void aCleanResultHasNoWarnings() {
        Summary s = Summary.of(pairs(new double[] {100, 101, 99, 100, 102}, new double[] {50, 51, 49, 50, 50.5}), 2,
                QUIET);
        assertThat(s.warnings()).isEmpty();
        assertThat(s.speedupCi95Low()).isGreaterThan(1.0);
    }

    @Test
    void warnsWhenTheSpeedupIntervalIncludesOne() {
        Summary s = Summary.of(pairs(new double[] {100, 60, 140, 80, 120}, new double[] {90, 50, 130, 70, 110}), 2,
                QUIET);
        assertThat(s.speedup()).isCloseTo(1.111, within(0.001));
        assertThat(s.speedupCi95Low()).isLessThanOrEqualTo(1.0);
        assertThat(s.warnings()).extracting(Warning::code).contains(Warning.Code.SPEEDUP_NOT_SIGNIFICANT);
    }

    @Test
    void warnsWhenTheRunsVaryMoreThanTenPercent() {
        Summary s = Summary.of(pairs(new double[] {100, 101, 99, 100, 102}, new double[] {40, 50, 60, 70, 45}), 2,
                QUIET);
        assertThat(s.wallMillis().coefficientOfVariation()).isGreaterThan(0.10);
        assertThat(s.warnings()).singleElement().satisfies(w -> assertThat(w.code()).isEqualTo(Warning.Code.HIGH_VARIATION))
                .extracting(Warning::message).asString().contains("THREADS");
    }

    @Test
    void warnsWithFewerThanThreeMeasuredRuns() {
        Summary s = Summary.of(List.of(run(0, false, false, 50), run(1, false, false, 50)), 2, QUIET);
        assertThat(s.warnings()).singleElement().satisfies(w -> assertThat(w.code()).isEqualTo(Warning.Code.FEW_RUNS))
                .extracting(Warning::message).asString().contains("2", "THREADS");
    }

    @Test
    void warnsWhenTheMedianRunIsShorterThanAMillisecond() {
        Summary s = Summary.of(pairs(new double[] {1, 1, 1}, new double[] {0.5, 0.5, 0.5}), 2, QUIET);
        assertThat(s.warnings()).singleElement().satisfies(w -> assertThat(w.code()).isEqualTo(Warning.Code.SHORT_RUNS))
                .extracting(Warning::message).asString().contains("0.500");
    }

    @Test
    void warnsWhenTheLoadAverageExceededTheProcessors() {
        List<RunResult> runs = pairs(new double[] {100, 101, 99}, new double[] {50, 51, 49});
        assertThat(Summary.of(runs, 2, environment(5.0, 2)).warnings())
                .singleElement().satisfies(w -> assertThat(w.code()).isEqualTo(Warning.Code.MACHINE_LOADED))
                .extracting(Warning::message).asString().contains("5.00", "2");
        assertThat(Summary.of(runs, 2, environment(-1, 2)).warnings()).isEmpty();
        assertThat(Summary.of(runs, 2).warnings()).isEmpty();
    }

    @Test
    void jsonKeepsTheOldFieldsAndReadsResultsStoredBeforeTheNewOnes() {
        JsonMapper json = JsonMapper.builder().build();
        List<RunResult> runs = new ArrayList<>(pairs(new double[] {100, 101, 99}, new double[] {50, 51, 49}));
        runs.addFirst(run(99, true, false, 70));
        ExperimentResult result = ExperimentResult.of(true, runs, environment(5.0, 2), new Subject(
                ExecutionModel.THREADS, Workloads.byId("cpu.primes").orElseThrow(),
                Workloads.byId("cpu.primes").orElseThrow().defaults(), 2, true), List.of());
        JsonNode summary = json.readTree(json.writeValueAsString(result)).get("summary");
        for (String stat : List.of("mean", "median", "stdDev", "min", "max", "ci95Low", "ci95High",
                "coefficientOfVariation")) {
            assertThat(summary.at("/wallMillis/" + stat).isNumber()).as(stat).isTrue();
        }
        assertThat(summary.at("/wallMillis/outliers").isArray()).isTrue();
        for (String field : List.of("speedup", "efficiency", "throughputPerSecond", "checksum", "speedupCi95Low",
                "speedupCi95High", "serialFraction", "coldRunWallMillis")) {
            assertThat(summary.get(field).isNumber()).as(field).isTrue();
        }
        assertThat(summary.get("baselineWallMillis").isObject()).isTrue();
        // A warning is a stable code for programs and a message for people.
        assertThat(summary.get("warnings")).hasSize(1);
        assertThat(summary.at("/warnings/0/code").asString()).isEqualTo(Warning.Code.MACHINE_LOADED.name());
        assertThat(summary.at("/warnings/0/message").isString()).isTrue();
        assertThat(json.readValue(json.writeValueAsString(result), ExperimentResult.class).summary())
                .isEqualTo(result.summary());
        // Summaries stored before warnings and outliers existed: see StoredDocumentsMigrationTest.
    }

    private static List<RunResult> pairs(double[] baseline, double[] model) {
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < Math.max(baseline.length, model.length); i++) {
            if (i < baseline.length) {
                runs.add(run(runs.size(), false, true, baseline[i]));
            }
            if (i < model.length) {
                runs.add(run(runs.size(), false, false, model[i]));
            }
        }
        return runs;
    }

    private static RunResult run(int index, boolean warmup, boolean baseline, double wallMillis) {
        return new RunResult(index, warmup, baseline, baseline ? "SEQUENTIAL" : "THREADS", wallMillis, wallMillis, 4,
                4000 / wallMillis, Percentiles.EMPTY, null, 42, null, Observations.NONE);
    }

    private static Environment environment(double loadAverage, int processors) {
        return new Environment(processors, "21", "vendor", "vm", List.of(), "Linux", "amd64", loadAverage, "node-1");
    }
}
