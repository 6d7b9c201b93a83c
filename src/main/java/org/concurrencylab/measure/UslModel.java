package org.concurrencylab.measure;

import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer.Optimum;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Least-squares fit of Gunther's X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1)) with
 * sigma, kappa >= 0, the constraint the law's meaning needs (a negative contention or coherency
 * cost is not a cost). commons-math3's optimizers take no bounds, so the constraint is met the
 * exact way for two bounds at zero: fit freely; if a coefficient comes out negative, the
 * constrained optimum lies on a boundary, so fit each boundary (sigma = 0, kappa = 0, both) and keep
 * the feasible fit with the least squared error. This leaves no clamped value with a wrong lambda,
 * and unlike fitting sigma = s² it keeps a gradient at zero.
 */
final class UslModel {

    /** sigma, kappa, lambda and the optimum they came from (its cost and covariance). */
    record Coefficients(double sigma, double kappa, double lambda, Optimum optimum, boolean sigmaFree, boolean kappaFree) {

        double throughputAt(double n) {
            return UslModel.throughput(sigma, kappa, lambda, n);
        }
    }

    private UslModel() {}

    static double throughput(double sigma, double kappa, double lambda, double n) {
        return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
    }

    /** The constrained fit; throws commons-math3's exception when the optimizer cannot converge. */
    static Coefficients fit(double[] n, double[] x, double[] weights) {
        return fit(n, x, weights, start(n, x, weights));
    }

    /**
     * The constrained fit from {@code start} = {sigma, kappa, lambda}: a bootstrap resample starts
     * from the fit of all the runs, which is close, so it converges in a few steps.
     */
    static Coefficients fit(double[] n, double[] x, double[] weights, double[] start) {
        Coefficients free = fit(n, x, weights, start, true, true);
        if (free.sigma() >= 0 && free.kappa() >= 0) {
            return free;
        }
        Coefficients best = fit(n, x, weights, start, false, false);
        for (boolean sigmaFree : new boolean[] {true, false}) {
            Coefficients candidate = fit(n, x, weights, start, sigmaFree, !sigmaFree);
            if (candidate.sigma() >= 0 && candidate.kappa() >= 0
                    && candidate.optimum().getCost() < best.optimum().getCost()) {
                best = candidate;
            }
        }
        return best;
    }

    private static Coefficients fit(double[] n, double[] x, double[] weights, double[] start, boolean sigmaFree,
            boolean kappaFree) {
        int size = 1 + (sigmaFree ? 1 : 0) + (kappaFree ? 1 : 0);
        double[] from = new double[size];
        from[0] = start[2];
        int next = 1;
        if (sigmaFree) {
            from[next++] = start[0];
        }
        if (kappaFree) {
            from[next] = start[1];
        }
        Optimum optimum = CurveFit.leastSquares(model(n, sigmaFree, kappaFree), x, weights, from);
        RealVector point = optimum.getPoint();
        double sigma = sigmaFree ? point.getEntry(1) : 0;
        double kappa = kappaFree ? point.getEntry(sigmaFree ? 2 : 1) : 0;
        if (!Double.isFinite(sigma) || !Double.isFinite(kappa) || !Double.isFinite(point.getEntry(0))) {
            throw new MathIllegalStateException();
        }
        return new Coefficients(sigma, kappa, point.getEntry(0), optimum, sigmaFree, kappaFree);
    }

    /**
     * Parameters (lambda[, sigma][, kappa]) to X and its Jacobian. With D = 1 + sigma (N - 1) +
     * kappa N (N - 1): dX/dlambda = N / D, dX/dsigma = -lambda N (N - 1) / D²,
     * dX/dkappa = -lambda N² (N - 1) / D².
     */
    private static MultivariateJacobianFunction model(double[] n, boolean sigmaFree, boolean kappaFree) {
        return point -> {
            double lambda = point.getEntry(0);
            double sigma = sigmaFree ? point.getEntry(1) : 0;
            double kappa = kappaFree ? point.getEntry(sigmaFree ? 2 : 1) : 0;
            double[] value = new double[n.length];
            double[][] jacobian = new double[n.length][point.getDimension()];
            for (int i = 0; i < n.length; i++) {
                double d = 1 + sigma * (n[i] - 1) + kappa * n[i] * (n[i] - 1);
                value[i] = lambda * n[i] / d;
                jacobian[i][0] = n[i] / d;
                int column = 1;
                if (sigmaFree) {
                    jacobian[i][column++] = -lambda * n[i] * (n[i] - 1) / (d * d);
                }
                if (kappaFree) {
                    jacobian[i][column] = -lambda * n[i] * n[i] * (n[i] - 1) / (d * d);
                }
            }
            return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
        };
    }

    /**
     * {sigma, kappa, lambda} to start from. lambda: the best throughput per worker measured (the
     * law's X(1) when contention costs anything). Given lambda, lambda N / X - 1 = sigma (N - 1) +
     * kappa N (N - 1) is linear (Gunther's own way to read the coefficients off a plot), so a
     * two-variable least squares through the origin gives sigma and kappa, raised to zero when
     * negative so every start is a valid law.
     */
    private static double[] start(double[] n, double[] x, double[] weights) {
        double lambda = 0;
        for (int i = 0; i < n.length; i++) {
            lambda = Math.max(lambda, x[i] / n[i]);
        }
        double saa = 0;
        double sab = 0;
        double sbb = 0;
        double say = 0;
        double sby = 0;
        for (int i = 0; i < n.length; i++) {
            double a = n[i] - 1;
            double b = n[i] * (n[i] - 1);
            double y = lambda * n[i] / x[i] - 1;
            saa += weights[i] * a * a;
            sab += weights[i] * a * b;
            sbb += weights[i] * b * b;
            say += weights[i] * a * y;
            sby += weights[i] * b * y;
        }
        double determinant = saa * sbb - sab * sab;
        if (!(Math.abs(determinant) > 0)) {
            return new double[] {0, 0, lambda};
        }
        double sigma = (say * sbb - sby * sab) / determinant;
        double kappa = (sby * saa - say * sab) / determinant;
        return new double[] {Math.max(0, sigma), Math.max(0, kappa), lambda};
    }
}
