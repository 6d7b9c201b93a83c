package org.concurrencylab.measure;

/** Rounds for display: microsecond resolution for millisecond values, significant digits for fitted ones. */
final class Rounding {

    /** Significant digits of a fitted coefficient in a response: more than its interval supports, not noise. */
    static final int DISPLAY_DIGITS = 4;

    private Rounding() {}

    static double millis(double nanos) {
        return round3(nanos / 1_000_000.0);
    }

    static double round3(double value) {
        return Math.round(value * 1_000.0) / 1_000.0;
    }

    /**
     * To {@code digits} significant digits: fitted coefficients span orders of magnitude (a kappa of
     * 7.7e-4 beside a lambda of 995.6), so a fixed number of decimals would turn the small ones to 0.
     */
    static Double significant(Double value, int digits) {
        if (value == null || value == 0 || !Double.isFinite(value)) {
            return value;
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(digits)).doubleValue();
    }
}
