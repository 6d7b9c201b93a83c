package org.concurrencylab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two-sample comparison against values computed independently: the p-values as SciPy 1.x gives
 * them ({@code ttest_ind(a, b, equal_var=False)}; Mann-Whitney from ranks with the normal
 * approximation, no continuity or tie correction, as commons-math3 computes it).
 */
class ComparisonTest {

    private static final List<Double> A = List.of(100.2, 98.7, 101.5, 99.9, 100.8, 99.1);

    @Test
    void clearlySlowerCandidate() {
        Comparison c = Comparison.of("THREADS", A, "GIL", List.of(180.4, 176.9, 183.2, 179.5, 181.1, 178.0));
        // Medians 100.05 and 179.95: ratio 1.7986.
        assertThat(c.ratio()).isEqualTo(1.799);
        assertThat(c.welchPValue()).isCloseTo(1.2005788710835925e-11, within(1e-15));
        assertThat(c.mannWhitneyPValue()).isCloseTo(0.003947751856903457, within(1e-12));
        // Both tests apply with six runs a side; the verdict rests on the larger p.
        assertThat(c.pValue()).isEqualTo(c.mannWhitneyPValue());
        assertThat(c.significant()).isTrue();
        assertThat(c.verdict()).isEqualTo("GIL is 1.80x slower than THREADS (p = 0.004)");
        assertThat(c.ratioCi95Low()).isGreaterThan(1.7).isLessThanOrEqualTo(1.799);
        assertThat(c.ratioCi95High()).isLessThan(1.9).isGreaterThanOrEqualTo(1.799);
        assertThat(c.warnings()).isEmpty();
        assertThat(c.repetitionsNeeded()).isEqualTo(Summary.MIN_RUNS);
    }

    @Test
    void clearlyFasterCandidateWithTheRankTestLeftOut() {
        // Four runs a side: Welch's t alone decides; Mann-Whitney is shown with a warning.
        Comparison c = Comparison.of("A", List.of(100.2, 98.7, 101.5, 99.9), "B", List.of(47.5, 48.1, 46.9, 47.8));
        assertThat(c.ratio()).isCloseTo(47.65 / 100.05, within(0.001));
        assertThat(c.pValue()).isEqualTo(c.welchPValue());
        assertThat(c.verdict()).startsWith("B is 2.10x faster than A (p < 0.001)");
        assertThat(c.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(Warning.Code.RANK_TEST_LEFT_OUT);
            assertThat(w.message()).startsWith("The Mann-Whitney U test is reported but left out");
        });
    }

    @Test
    void noDifference() {
        Comparison c = Comparison.of("A", A, "B", List.of(101.0, 99.5, 100.4, 98.8, 100.9, 99.6));
        assertThat(c.welchPValue()).isCloseTo(0.9999999999999601, within(1e-9));
        assertThat(c.mannWhitneyPValue()).isCloseTo(0.8727801237939118, within(1e-12));
        assertThat(c.significant()).isFalse();
        assertThat(c.verdict()).isEqualTo("No significant difference at 5% between B and A (median ratio 1.00x, p = 1.000)");
        assertThat(c.ratioCi95Low()).isLessThanOrEqualTo(1.0);
        assertThat(c.ratioCi95High()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void testsThatDisagreeGiveNoVerdictAndSaySo() {
        // Welch p = 0.0355 but Mann-Whitney p = 0.0503: the verdict needs both below 5%.
        List<Double> x = List.of(19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0);
        List<Double> y = List.of(28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6, 18.0,
                23.9, 21.6, 24.3, 20.4, 23.9, 13.3);
        Comparison c = Comparison.of("X", x, "Y", y);
        assertThat(c.welchPValue()).isCloseTo(0.035484530830010394, within(1e-9));
        assertThat(c.mannWhitneyPValue()).isCloseTo(0.05026064814901436, within(1e-9));
        assertThat(c.pValue()).isEqualTo(c.mannWhitneyPValue());
        assertThat(c.significant()).isFalse();
        assertThat(c.warnings()).anySatisfy(w -> assertThat(w.message()).startsWith("The tests disagree (Welch p = 0.0355,"));
        assertThat(c.warnings()).anySatisfy(w -> assertThat(w.message()).startsWith("About "));
        assertThat(c.warnings()).extracting(Warning::code).contains(Warning.Code.TESTS_DISAGREE,
                Warning.Code.MORE_RUNS_NEEDED);
    }

    @Test
    void repetitionsNeededFollowsTheNormalApproximation() {
        // Variances 4 and 4, difference of means 1: n = 2 (1.95996 + 0.84162)² 4 / 1 = 62.79, so 63.
        double[] a = {10, 12, 14};
        double[] b = {11, 13, 15};
        assertThat(Comparison.repetitionsNeeded(a, b)).isEqualTo(63);
        assertThat(Comparison.repetitionsNeeded(a, a)).isNull();
        assertThat(Comparison.repetitionsNeeded(new double[] {1}, b)).isNull();
        Comparison c = Comparison.of("A", List.of(10.0, 12.0, 14.0), "B", List.of(11.0, 13.0, 15.0));
        assertThat(c.repetitionsNeeded()).isEqualTo(63);
        assertThat(c.warnings()).extracting(Warning::message).contains("About 63 runs of each would detect a difference of this size (1.00 ms in"
                + " the means) with 80% power at 5%.");
    }

    @Test
    void tooFewRunsForATest() {
        Comparison c = Comparison.of("A", List.of(100.0), "B", List.of(150.0, 152.0));
        assertThat(c.ratio()).isCloseTo(1.51, within(1e-9));
        assertThat(c.pValue()).isNull();
        assertThat(c.ratioCi95Low()).isNull();
        assertThat(c.significant()).isFalse();
        assertThat(c.verdict()).isEqualTo("Cannot test: too little spread or too few runs (median ratio 1.51x)");
        assertThat(c.warnings()).extracting(Warning::message).contains("Only 1 measured run of A: at least 3 a side are needed before a verdict"
                + " means much.", "Only 2 measured runs of B: at least 3 a side are needed before a verdict means much.");
        assertThat(Comparison.of("A", List.of(), "B", A).verdict()).isEqualTo("Nothing to compare: A has no measured runs");
    }

    @Test
    void serialisesWithTheNamesTheCompareEndpointPromises() {
        JsonNode json = JsonMapper.builder().build().valueToTree(
                Comparison.of("A", A, "B", List.of(180.4, 176.9, 183.2, 179.5, 181.1, 178.0)));
        assertThat(json.propertyNames()).contains("ratio", "ratioCi95Low", "ratioCi95High", "pValue", "welchPValue",
                "mannWhitneyPValue", "verdict", "repetitionsNeeded", "warnings");
    }

    @Test
    void sameInputSameResult() {
        List<Double> b = List.of(120.0, 95.0, 130.0, 101.0, 99.0);
        assertThat(Comparison.of("A", A, "B", b)).isEqualTo(Comparison.of("A", A, "B", b));
    }

    @Test
    void pValuesBelowOneInAThousandAreNotPrintedAsZero() {
        assertThat(Comparison.formatP(0.0004)).isEqualTo("p < 0.001");
        assertThat(Comparison.formatP(0.0123)).isEqualTo("p = 0.012");
    }
}
