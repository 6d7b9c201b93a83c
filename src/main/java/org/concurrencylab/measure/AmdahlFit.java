package org.concurrencylab.measure;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer.Optimum;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Amdahl's law S(p) = 1 / (f + (1 - f) / p) fitted to measured speedups by (weighted) least squares
 * on S, which gives the serial fraction f that best explains the whole curve rather than one
 * point (as Karp-Flatt does per parallelism).
 *
 * @param serialFraction the fitted f; 0 is perfect scaling, 1 is no speedup at all, below 0 means
 *     speedups above the parallelism (superlinear, usually caches); absent when not fitted
 * @param ci95Low lower end of the 95% interval of f: f - t(0.975, n-1) x its standard error from
 *     the fit (asymptotic, as R's {@code confint.default} on an {@code nls} fit); absent without a
 *     degree of freedom left
 * @param ci95High upper end of that interval
 * @param rSquared share of the speedups' variance the curve explains; absent when they do not vary
 * @param points the runs fitted
 * @param note why there is no fit, or what to make of an unusual one; absent when there is nothing
 *     to say
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AmdahlFit(
        Double serialFraction, Double ci95Low, Double ci95High, Double rSquared, int points, String note) {

    /** Two points define a curve through them; a third is the least that tests it. */
    public static final int MIN_PARALLELISM_VALUES = 3;

    /** The speedup this fit predicts at {@code parallelism}, for drawing the curve. */
    public double speedupAt(double parallelism) {
        if (serialFraction == null) {
            throw new IllegalStateException("No curve: " + note);
        }
        return 1 / (serialFraction + (1 - serialFraction) / parallelism);
    }

    /** The fit in a phrase for a study's interpretation, e.g. "serial fraction 0.12: at most 8.3x on any number of workers". */
    public String describe() {
        if (serialFraction == null) {
            return note;
        }
        if (serialFraction <= 0) {
            return String.format(Locale.ROOT, "serial fraction %.3g: no serial part limits the speedup measured",
                    serialFraction);
        }
        return String.format(Locale.ROOT, "serial fraction %.3g: at most %.3gx on any number of workers",
                serialFraction, 1 / serialFraction);
    }

    /** The same fit with its numbers to four significant digits, as a response shows them. */
    public AmdahlFit forDisplay() {
        int d = Rounding.DISPLAY_DIGITS;
        return new AmdahlFit(Rounding.significant(serialFraction, d), Rounding.significant(ci95Low, d),
                Rounding.significant(ci95High, d), Rounding.significant(rSquared, d), points, note);
    }

    /** Fits the speedups of the runs: one point per run, or per median with the run count as weight. */
    public static AmdahlFit of(List<ScalingPoint> speedups) {
        long distinct = CurveFit.distinctParallelism(speedups);
        if (distinct < MIN_PARALLELISM_VALUES) {
            return new AmdahlFit(null, null, null, null, speedups.size(), String.format(Locale.ROOT,
                    "Not fitted: the speedups cover %d parallelism value%s and the serial fraction needs at"
                            + " least %d, or any curve would fit.",
                    distinct, distinct == 1 ? "" : "s", MIN_PARALLELISM_VALUES));
        }
        double[] p = speedups.stream().mapToDouble(ScalingPoint::parallelism).toArray();
        double[] observed = CurveFit.values(speedups);
        double[] weights = CurveFit.weights(speedups);
        Optimum optimum;
        try {
            optimum = CurveFit.leastSquares(model(p), observed, weights, new double[] {linearStart(p, observed, weights)});
        } catch (MathIllegalStateException e) {
            return new AmdahlFit(null, null, null, null, speedups.size(),
                    "Not fitted: the optimizer found no least-squares fit of Amdahl's law to these speedups.");
        }
        double f = optimum.getPoint().getEntry(0);
        double[] errors = CurveFit.standardErrors(optimum, speedups.size());
        Double low = null;
        Double high = null;
        if (errors != null) {
            double half = Distribution.tQuantile975(speedups.size() - 1) * errors[0];
            low = f - half;
            high = f + half;
        }
        double[] fitted = model(p).value(optimum.getPoint()).getFirst().toArray();
        String note = f < 0
                ? "The speedups exceed the parallelism (superlinear, usually from caches or memory"
                        + " bandwidth): a negative serial fraction means Amdahl's law does not describe this work."
                : null;
        return new AmdahlFit(f, low, high, CurveFit.rSquared(observed, fitted, weights), speedups.size(), note);
    }

    /**
     * S and dS/df at each parallelism. With D = f + (1 - f) / p: S = 1 / D and
     * dS/df = -(1 - 1/p) / D².
     */
    private static MultivariateJacobianFunction model(double[] p) {
        return point -> {
            double f = point.getEntry(0);
            double[] value = new double[p.length];
            double[][] jacobian = new double[p.length][1];
            for (int i = 0; i < p.length; i++) {
                double d = f + (1 - f) / p[i];
                value[i] = 1 / d;
                jacobian[i][0] = -(1 - 1 / p[i]) / (d * d);
            }
            return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
        };
    }

    /**
     * The start for the optimizer: 1/S = 1/p + f (1 - 1/p) is linear in f, so least squares on 1/S
     * has the closed form below. It is not the answer (it weights slow points more than least
     * squares on S does), but it is close, so the optimizer starts inside the valid range.
     */
    private static double linearStart(double[] p, double[] speedup, double[] weights) {
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < p.length; i++) {
            double a = 1 - 1 / p[i];
            numerator += weights[i] * a * (1 / speedup[i] - 1 / p[i]);
            denominator += weights[i] * a * a;
        }
        return denominator > 0 ? numerator / denominator : 0;
    }
}
