package org.concurrencylab.measure;

/** Rounds for display: microsecond resolution is all a JSON reader needs of a millisecond value. */
final class Rounding {

    private Rounding() {}

    static double millis(double nanos) {
        return round3(nanos / 1_000_000.0);
    }

    static double round3(double value) {
        return Math.round(value * 1_000.0) / 1_000.0;
    }
}
