package org.concurrencylab.core;

import java.util.Locale;

/** How numbers read in the lab's sentences: one way, so every narrator writes them alike. */
public final class Words {

    private Words() {}

    /** A whole number as it is; a mean over runs (or any fraction) with two decimals. */
    public static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
