package org.concurrencylab.measure;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Gunther's Universal Scalability Law X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1))
 * fitted to measured throughputs (see {@link UslModel} for the fit and its constraint).
 *
 * @param sigma contention: the share of the work that waits for a shared resource (0 to about 1)
 * @param kappa coherency (crosstalk): the cost of workers keeping each other's data consistent,
 *     growing with every pair of workers
 * @param lambda throughput of one worker when nothing is shared (the ideal slope)
 * @param sigmaCi95Low lower end of the 95% interval of sigma; how it was computed is in
 *     {@code intervalMethod}; absent when no interval can be had
 * @param sigmaCi95High upper end of that interval
 * @param kappaCi95Low lower end of the 95% interval of kappa
 * @param kappaCi95High upper end of that interval
 * @param intervalMethod how the intervals were computed: a percentile bootstrap over the runs
 *     when every parallelism has at least two, else the fit's standard errors with a t quantile
 * @param rSquared share of the throughputs' variance the law explains
 * @param peakParallelism sqrt((1 - sigma) / kappa), where throughput stops growing; absent when
 *     kappa is about 0 (its interval reaches 0), then {@code peakNote} says why
 * @param peakThroughput the law's throughput at {@code peakParallelism}
 * @param peakNote why there is no peak, or that it lies beyond the measured parallelism
 * @param points the runs fitted
 * @param note why there is no fit; absent when fitted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UslFit(
        Double sigma,
        Double kappa,
        Double lambda,
        Double sigmaCi95Low,
        Double sigmaCi95High,
        Double kappaCi95Low,
        Double kappaCi95High,
        String intervalMethod,
        Double rSquared,
        Double peakParallelism,
        Double peakThroughput,
        String peakNote,
        int points,
        String note) {

    /** Three coefficients: with fewer distinct parallelism values any data fits exactly. */
    public static final int MIN_PARALLELISM_VALUES = 3;

    /** The law's throughput at {@code parallelism}, for drawing the curve (lambda N is the ideal line). */
    public double throughputAt(double parallelism) {
        if (sigma == null) {
            throw new IllegalStateException("No curve: " + note);
        }
        return UslModel.throughput(sigma, kappa, lambda, parallelism);
    }

    /**
     * The fit in a phrase for a study's interpretation, e.g. "contention 0.0267, coherency 0.000769:
     * throughput peaks at about 36 workers".
     */
    public String describe() {
        if (sigma == null) {
            return note;
        }
        if (peakParallelism != null && peakParallelism <= 1) {
            return String.format(Locale.ROOT, "contention %.3g, coherency %.3g: one worker at a time, a second one"
                    + " adds nothing", sigma, kappa);
        }
        if (peakParallelism != null) {
            boolean beyond = peakNote != null;
            return String.format(Locale.ROOT, "contention %.3g, coherency %.3g: throughput peaks at about %.0f workers%s",
                    sigma, kappa, peakParallelism, beyond ? " (beyond those measured)" : "");
        }
        if (sigma > 0) {
            return String.format(Locale.ROOT, "contention %.3g, coherency about 0: throughput levels off at %.3gx"
                    + " one worker's", sigma, 1 / sigma);
        }
        return "contention and coherency about 0: throughput grows in proportion to the workers measured";
    }

    /** The same fit with its numbers to four significant digits, as a response shows them. */
    public UslFit forDisplay() {
        int d = Rounding.DISPLAY_DIGITS;
        return new UslFit(Rounding.significant(sigma, d), Rounding.significant(kappa, d),
                Rounding.significant(lambda, d), Rounding.significant(sigmaCi95Low, d),
                Rounding.significant(sigmaCi95High, d), Rounding.significant(kappaCi95Low, d),
                Rounding.significant(kappaCi95High, d), intervalMethod, Rounding.significant(rSquared, d),
                Rounding.significant(peakParallelism, d), Rounding.significant(peakThroughput, d), peakNote, points,
                note);
    }

    /** With {@link Bootstrap#RESAMPLES} resamples and {@link Bootstrap#SEED}. */
    public static UslFit of(List<ScalingPoint> throughputs) {
        return of(throughputs, Bootstrap.RESAMPLES, Bootstrap.SEED);
    }

    static UslFit of(List<ScalingPoint> throughputs, int resamples, long seed) {
        long distinct = CurveFit.distinctParallelism(throughputs);
        if (distinct < MIN_PARALLELISM_VALUES) {
            return notFitted(throughputs.size(), String.format(Locale.ROOT,
                    "Not fitted: the throughputs cover %d parallelism value%s and the law's three coefficients"
                            + " need at least %d.",
                    distinct, distinct == 1 ? "" : "s", MIN_PARALLELISM_VALUES));
        }
        double[] n = throughputs.stream().mapToDouble(ScalingPoint::parallelism).toArray();
        double[] x = CurveFit.values(throughputs);
        double[] w = CurveFit.weights(throughputs);
        UslModel.Coefficients fit;
        try {
            fit = UslModel.fit(n, x, w);
        } catch (MathIllegalStateException e) {
            return notFitted(throughputs.size(),
                    "Not fitted: the optimizer found no least-squares fit of the law to these throughputs.");
        }
        double[] fitted = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            fitted[i] = fit.throughputAt(n[i]);
        }
        Intervals intervals = everyParallelismRepeated(throughputs)
                ? bootstrap(throughputs, fit, resamples, seed)
                : standardErrors(fit, throughputs.size());
        return withPeak(fit, intervals, CurveFit.rSquared(x, fitted, w), throughputs);
    }

    private record Intervals(Double sigmaLow, Double sigmaHigh, Double kappaLow, Double kappaHigh, String method) {}

    private static UslFit withPeak(UslModel.Coefficients fit, Intervals ci, Double rSquared, List<ScalingPoint> points) {
        double sigma = fit.sigma();
        double kappa = fit.kappa();
        int maxMeasured = points.stream().mapToInt(ScalingPoint::parallelism).max().orElseThrow();
        Double peak = null;
        String peakNote = null;
        if (sigma >= 1) {
            peak = 1.0;
            peakNote = "Throughput does not grow beyond one worker: contention (sigma) is 1 or more.";
        } else if (kappa == 0 || (ci.kappaLow() != null && ci.kappaLow() <= 0)) {
            String why = kappa == 0 ? "fitted as 0" : "its 95% interval reaches 0";
            peakNote = sigma > 0
                    ? String.format(Locale.ROOT, "None within range: coherency (kappa) is about 0 (%s), so"
                            + " throughput levels off towards lambda / sigma = %.4g instead of peaking.",
                            why, fit.lambda() / sigma)
                    : String.format(Locale.ROOT, "None within range: coherency (kappa) is about 0 (%s) and so is"
                            + " contention: throughput grows linearly over the measured range.", why);
        } else {
            peak = Math.sqrt((1 - sigma) / kappa);
            if (peak <= 1) {
                // The law's maximum over N >= 1 is then at N = 1: a second worker costs more than it adds.
                peak = 1.0;
                peakNote = "Throughput does not grow beyond one worker: coherency (kappa) costs more than a second"
                        + " worker adds.";
            } else if (peak > maxMeasured) {
                peakNote = String.format(Locale.ROOT,
                        "Beyond the measured range (up to %d): an extrapolation of the fitted law.", maxMeasured);
            }
        }
        return new UslFit(sigma, kappa, fit.lambda(), ci.sigmaLow(), ci.sigmaHigh(), ci.kappaLow(), ci.kappaHigh(),
                ci.method(), rSquared, peak, peak == null ? null : fit.throughputAt(peak), peakNote, points.size(),
                null);
    }

    private static boolean everyParallelismRepeated(List<ScalingPoint> points) {
        return byParallelism(points).values().stream().allMatch(runs -> runs.size() >= 2);
    }

    /**
     * Percentile bootstrap: resample the runs within each parallelism (so every resample covers the
     * same parallelism values) and refit. commons-math3 has no bootstrap, so the loop is here, as in
     * {@link Bootstrap}. Like the speedup interval, it is widened to contain the estimate itself.
     */
    private static Intervals bootstrap(List<ScalingPoint> points, UslModel.Coefficients fit, int resamples, long seed) {
        List<List<ScalingPoint>> groups = List.copyOf(byParallelism(points).values());
        RandomGenerator random = new Well19937c(seed);
        double[] sigmas = new double[resamples];
        double[] kappas = new double[resamples];
        int fitted = 0;
        double[] start = {fit.sigma(), fit.kappa(), fit.lambda()};
        double[] n = new double[points.size()];
        double[] x = new double[points.size()];
        double[] w = new double[points.size()];
        for (int b = 0; b < resamples; b++) {
            int i = 0;
            for (List<ScalingPoint> runs : groups) {
                for (int k = 0; k < runs.size(); k++, i++) {
                    ScalingPoint run = runs.get(random.nextInt(runs.size()));
                    n[i] = run.parallelism();
                    x[i] = run.value();
                    w[i] = run.weight();
                }
            }
            try {
                UslModel.Coefficients again = UslModel.fit(n, x, w, start);
                sigmas[fitted] = again.sigma();
                kappas[fitted] = again.kappa();
                fitted++;
            } catch (MathIllegalStateException e) {
                // A resample the law cannot fit tells nothing about the coefficients; it is left out.
            }
        }
        String method = String.format(Locale.ROOT,
                "bootstrap: %d resamples of the runs within each parallelism, percentile method, fixed seed", fitted);
        if (fitted < 2) {
            return new Intervals(null, null, null, null, method);
        }
        Percentile percentile = new Percentile();
        percentile.setData(sigmas, 0, fitted);
        double sigmaLow = percentile.evaluate(2.5);
        double sigmaHigh = percentile.evaluate(97.5);
        percentile.setData(kappas, 0, fitted);
        double kappaLow = percentile.evaluate(2.5);
        double kappaHigh = percentile.evaluate(97.5);
        return new Intervals(Math.min(sigmaLow, fit.sigma()), Math.max(sigmaHigh, fit.sigma()),
                Math.min(kappaLow, fit.kappa()), Math.max(kappaHigh, fit.kappa()), method);
    }

    /**
     * One run per parallelism leaves nothing to resample, so the interval is the estimate -/+
     * t(0.975, n - k) standard errors of the fit (k the coefficients fitted), cut at 0 where the
     * constraint holds. A coefficient fixed at its bound has no standard error and gets no interval.
     */
    private static Intervals standardErrors(UslModel.Coefficients fit, int points) {
        double[] errors = CurveFit.standardErrors(fit.optimum(), points);
        String method = "standard errors of the fit with a t quantile (one run per parallelism: nothing to resample)";
        if (errors == null) {
            return new Intervals(null, null, null, null, method);
        }
        double t = Distribution.tQuantile975(points - fit.optimum().getPoint().getDimension());
        Double sigmaLow = null;
        Double sigmaHigh = null;
        Double kappaLow = null;
        Double kappaHigh = null;
        if (fit.sigmaFree()) {
            sigmaLow = Math.max(0, fit.sigma() - t * errors[1]);
            sigmaHigh = fit.sigma() + t * errors[1];
        }
        if (fit.kappaFree()) {
            double error = errors[fit.sigmaFree() ? 2 : 1];
            kappaLow = Math.max(0, fit.kappa() - t * error);
            kappaHigh = fit.kappa() + t * error;
        }
        return new Intervals(sigmaLow, sigmaHigh, kappaLow, kappaHigh, method);
    }

    private static Map<Integer, List<ScalingPoint>> byParallelism(List<ScalingPoint> points) {
        Map<Integer, List<ScalingPoint>> groups = new TreeMap<>();
        for (ScalingPoint point : points) {
            groups.computeIfAbsent(point.parallelism(), p -> new ArrayList<>()).add(point);
        }
        return groups;
    }

    private static UslFit notFitted(int points, String why) {
        return new UslFit(null, null, null, null, null, null, null, null, null, null, null, null, points, why);
    }
}
