package org.concurrencylab.measure;

import java.util.Collection;
import java.util.List;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer.Optimum;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.DiagonalMatrix;

/**
 * The parts the Amdahl and USL fits share: commons-math3's Levenberg-Marquardt with tight
 * tolerances, and the two quantities it does not report directly (standard errors scaled by the
 * residual variance, and R²).
 */
final class CurveFit {

    /** Tighter than the defaults (1e-10): kappa is often 1e-4 of lambda and must still converge. */
    private static final double TOLERANCE = 1e-13;

    /** Far more than a two- or three-parameter fit needs; reached only on data the law cannot fit. */
    private static final int MAX_STEPS = 10_000;

    /** Below this a pivot of the normal matrix counts as singular (commons-math3's convention). */
    private static final double SINGULARITY = 1e-14;

    private CurveFit() {}

    static Optimum leastSquares(MultivariateJacobianFunction model, double[] observed, double[] weights,
            double[] start) {
        return new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(TOLERANCE)
                .withParameterRelativeTolerance(TOLERANCE)
                .optimize(new LeastSquaresBuilder()
                        .model(model)
                        .target(observed)
                        .weight(new DiagonalMatrix(weights.clone()))
                        .start(start)
                        .maxEvaluations(MAX_STEPS)
                        .maxIterations(MAX_STEPS)
                        .build());
    }

    /**
     * Standard error of each parameter: commons-math3's {@code getSigma} is sqrt(diag((JᵀWJ)⁻¹)),
     * which assumes unit residual variance, so it is scaled here by s = sqrt(SSR_w / (n - k)), as
     * R's {@code nls} and every regression text do. Null when no degrees of freedom remain.
     */
    static double[] standardErrors(Optimum optimum, int points) {
        int freedom = points - optimum.getPoint().getDimension();
        if (freedom < 1) {
            return null;
        }
        double cost = optimum.getCost();
        double residualSd = Math.sqrt(cost * cost / freedom);
        double[] raw = optimum.getSigma(SINGULARITY).toArray();
        double[] errors = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            errors[i] = raw[i] * residualSd;
        }
        return errors;
    }

    /** Weighted 1 - SSR / SST about the weighted mean; null when the observations do not vary. */
    static Double rSquared(double[] observed, double[] fitted, double[] weights) {
        double sumW = 0;
        double sumWy = 0;
        for (int i = 0; i < observed.length; i++) {
            sumW += weights[i];
            sumWy += weights[i] * observed[i];
        }
        double mean = sumWy / sumW;
        double residual = 0;
        double total = 0;
        for (int i = 0; i < observed.length; i++) {
            residual += weights[i] * square(observed[i] - fitted[i]);
            total += weights[i] * square(observed[i] - mean);
        }
        return total > 0 ? 1 - residual / total : null;
    }

    static long distinctParallelism(Collection<ScalingPoint> points) {
        return points.stream().mapToInt(ScalingPoint::parallelism).distinct().count();
    }

    static double[] values(List<ScalingPoint> points) {
        return points.stream().mapToDouble(ScalingPoint::value).toArray();
    }

    static double[] weights(List<ScalingPoint> points) {
        return points.stream().mapToDouble(ScalingPoint::weight).toArray();
    }

    static double square(double x) {
        return x * x;
    }
}
