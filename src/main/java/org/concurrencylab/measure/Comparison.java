package org.concurrencylab.measure;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Two sets of run wall times compared: a candidate against a reference, as {@code GET
 * /api/v1/compare} reports each experiment against the first.
 *
 * @param reference the reference's name in the verdict (a model, an experiment id)
 * @param candidate the candidate's name in the verdict
 * @param referenceRuns measured runs of the reference
 * @param candidateRuns measured runs of the candidate
 * @param referenceMedian median wall time of the reference, ms
 * @param candidateMedian median wall time of the candidate, ms
 * @param ratio candidate median over reference median: above 1 the candidate is slower
 * @param ratioCi95Low lower end of the 95% bootstrap interval of the ratio (percentile method,
 *     {@value Bootstrap#RESAMPLES} resamples of both sets, fixed seed), widened to hold the ratio;
 *     absent unless both sides have at least two runs
 * @param ratioCi95High upper end of that interval
 * @param pValue the p-value the verdict rests on: the larger of the tests that apply (Welch's t,
 *     and Mann-Whitney U from {@value #MIN_RANK_TEST_RUNS} runs a side), so both must agree
 * @param welchPValue two-sided Welch t-test (unequal variances) on the wall times
 * @param mannWhitneyPValue two-sided Mann-Whitney U test (normal approximation, as commons-math3
 *     computes it) on the wall times
 * @param significant whether {@code pValue} is below {@value #ALPHA}
 * @param verdict the comparison in words
 * @param repetitionsNeeded runs of each that would detect a difference the size of the observed
 *     one with 80% power at 5% (see {@link #repetitionsNeeded(double[], double[])}); absent without a difference or
 *     without spread to estimate it from
 * @param warnings reasons to distrust the verdict; empty when none apply
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Comparison(
        String reference,
        String candidate,
        int referenceRuns,
        int candidateRuns,
        Double referenceMedian,
        Double candidateMedian,
        Double ratio,
        Double ratioCi95Low,
        Double ratioCi95High,
        Double pValue,
        Double welchPValue,
        Double mannWhitneyPValue,
        boolean significant,
        String verdict,
        Integer repetitionsNeeded,
        List<Warning> warnings) {

    /** The significance level of the verdict. */
    public static final double ALPHA = 0.05;

    /** The power a repetition estimate aims at: the usual 80%. */
    static final double POWER = 0.80;

    /**
     * Below five runs a side the rank test cannot reach 5% (its exact two-sided minimum for 4 and 4
     * is 0.029, for 3 and 3 it is 0.1) and its normal approximation is poor, so it is reported but
     * left out of the verdict.
     */
    public static final int MIN_RANK_TEST_RUNS = 5;

    public Comparison {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public static Comparison of(String reference, List<Double> referenceMillis, String candidate,
            List<Double> candidateMillis) {
        double[] a = referenceMillis.stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = candidateMillis.stream().mapToDouble(Double::doubleValue).toArray();
        List<Warning> warnings = new ArrayList<>();
        if (a.length == 0 || b.length == 0) {
            String empty = a.length == 0 ? reference : candidate;
            return new Comparison(reference, candidate, a.length, b.length, median(a), median(b), null, null, null,
                    null, null, null, false, "Nothing to compare: " + empty + " has no measured runs", null, warnings);
        }
        double medianA = new Median().evaluate(a);
        double medianB = new Median().evaluate(b);
        Double ratio = medianA > 0 ? medianB / medianA : null;
        Double ciLow = null;
        Double ciHigh = null;
        double[] interval = ratio == null ? null : Bootstrap.medianRatio95(b, a, Bootstrap.RESAMPLES, Bootstrap.SEED);
        if (interval != null) {
            // Widened to hold the ratio, for the reason Summary gives for the speedup's interval.
            ciLow = Rounding.round3(Math.min(interval[0], ratio));
            ciHigh = Rounding.round3(Math.max(interval[1], ratio));
        }
        fewRunsWarning(reference, a.length, warnings);
        fewRunsWarning(candidate, b.length, warnings);
        Double welch = null;
        Double rank = null;
        if (a.length >= 2 && b.length >= 2) {
            double t = new TTest().tTest(a, b);
            welch = Double.isNaN(t) ? null : t;
            rank = new MannWhitneyUTest().mannWhitneyUTest(a, b);
            if (welch == null) {
                warnings.add(new Warning(Warning.Code.NO_SPREAD, "Every run of each took the same time: with no"
                        + " spread the t-test has nothing to weigh the difference against."));
            }
        }
        boolean rankApplies = rank != null && a.length >= MIN_RANK_TEST_RUNS && b.length >= MIN_RANK_TEST_RUNS;
        if (rank != null && !rankApplies) {
            warnings.add(new Warning(Warning.Code.RANK_TEST_LEFT_OUT, String.format(Locale.ROOT, "The Mann-Whitney U"
                    + " test is reported but left out of the verdict: with fewer than %d runs a side it cannot reach"
                    + " significance at 5%%.", MIN_RANK_TEST_RUNS)));
        }
        Double p = welch == null ? null : rankApplies ? Math.max(welch, rank) : welch;
        if (welch != null && rankApplies && (welch < ALPHA) != (rank < ALPHA)) {
            warnings.add(new Warning(Warning.Code.TESTS_DISAGREE, String.format(Locale.ROOT, "The tests disagree"
                    + " (Welch p = %.3g, Mann-Whitney p = %.3g): skewed or outlying runs; more runs would settle it.",
                    welch, rank)));
        }
        boolean significant = p != null && ratio != null && p < ALPHA;
        if (significant && ciLow != null && ciLow <= 1 && ciHigh >= 1) {
            warnings.add(new Warning(Warning.Code.RATIO_NOT_SIGNIFICANT, String.format(Locale.ROOT, "The tests find a"
                    + " difference but the 95%% interval of the ratio (%.3gx to %.3gx) includes 1.0x: the medians may"
                    + " not differ.", ciLow, ciHigh)));
        }
        Integer needed = repetitionsNeeded(a, b);
        if (needed != null && (!significant || a.length < Summary.MIN_RUNS || b.length < Summary.MIN_RUNS)) {
            warnings.add(new Warning(Warning.Code.MORE_RUNS_NEEDED, String.format(Locale.ROOT, "About %d runs of each"
                    + " would detect a difference of this size (%.3g ms in the means) with %.0f%% power at 5%%.",
                    needed, Math.abs(StatUtils.mean(b) - StatUtils.mean(a)), POWER * 100)));
        }
        return new Comparison(reference, candidate, a.length, b.length, Rounding.round3(medianA),
                Rounding.round3(medianB), ratio == null ? null : Rounding.round3(ratio), ciLow, ciHigh, p, welch, rank,
                significant, verdict(reference, candidate, ratio, p, significant), needed, warnings);
    }

    private static void fewRunsWarning(String who, int runs, List<Warning> warnings) {
        if (runs < Summary.MIN_RUNS) {
            warnings.add(new Warning(Warning.Code.FEW_RUNS, String.format(Locale.ROOT, "Only %d measured run%s of %s:"
                    + " at least %d a side are needed before a verdict means much.", runs, runs == 1 ? "" : "s", who,
                    Summary.MIN_RUNS)));
        }
    }

    /** The same comparison with {@code more} added to its warnings (what the runs alone cannot show). */
    public Comparison withWarnings(List<Warning> more) {
        List<Warning> all = new ArrayList<>(warnings);
        all.addAll(more);
        return new Comparison(reference, candidate, referenceRuns, candidateRuns, referenceMedian, candidateMedian,
                ratio, ratioCi95Low, ratioCi95High, pValue, welchPValue, mannWhitneyPValue, significant, verdict,
                repetitionsNeeded, all);
    }

    static String verdict(String reference, String candidate, Double ratio, Double p, boolean significant) {
        if (ratio == null) {
            return "Cannot compare: the median wall time of " + reference + " is not positive";
        }
        if (p == null) {
            return String.format(Locale.ROOT, "Cannot test: too little spread or too few runs (median ratio %.2fx)",
                    ratio);
        }
        if (!significant) {
            return String.format(Locale.ROOT, "No significant difference at 5%% between %s and %s (median ratio"
                    + " %.2fx, %s)", candidate, reference, ratio, formatP(p));
        }
        return ratio >= 1
                ? String.format(Locale.ROOT, "%s is %.2fx slower than %s (%s)", candidate, ratio, reference, formatP(p))
                : String.format(Locale.ROOT, "%s is %.2fx faster than %s (%s)", candidate, 1 / ratio, reference,
                        formatP(p));
    }

    static String formatP(double p) {
        return p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", p);
    }

    /**
     * Runs a side for a two-sided two-sample test at 5% to detect the observed difference of means
     * with 80% power: n = 2 (z(0.975) + z(0.80))² s² / Δ², s² the mean of the two sample variances
     * (the normal approximation of the t-test's power; with under ten runs the t-test needs one or
     * two more). commons-math3 has no power analysis, so the formula is here; its quantiles are
     * commons-math3's. Never below {@link Summary#MIN_RUNS}; null when Δ = 0, without spread or
     * with fewer than two runs a side.
     */
    static Integer repetitionsNeeded(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return null;
        }
        double delta = StatUtils.mean(b) - StatUtils.mean(a);
        double variance = (StatUtils.variance(a) + StatUtils.variance(b)) / 2;
        if (delta == 0 || !(variance > 0)) {
            return null;
        }
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        double z = normal.inverseCumulativeProbability(1 - ALPHA / 2) + normal.inverseCumulativeProbability(POWER);
        double n = Math.ceil(2 * z * z * variance / (delta * delta));
        return (int) Math.max(Summary.MIN_RUNS, Math.min(n, Integer.MAX_VALUE));
    }

    private static Double median(double[] values) {
        return values.length == 0 ? null : Rounding.round3(new Median().evaluate(values));
    }
}
