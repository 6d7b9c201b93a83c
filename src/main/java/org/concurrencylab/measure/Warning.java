package org.concurrencylab.measure;

/**
 * A reason to distrust a result, with a stable code a program can test and a message a person can
 * read. Codes never change meaning; messages may be reworded.
 */
public record Warning(Code code, String message) {

    public enum Code {
        /** Fewer measured runs than the spread and intervals need. */
        FEW_RUNS,
        /** The runs' wall times disagree (coefficient of variation too high). */
        HIGH_VARIATION,
        /** Runs too short for the timer and the JIT. */
        SHORT_RUNS,
        /** The speedup's interval includes 1. */
        SPEEDUP_NOT_SIGNIFICANT,
        /** Karp-Flatt's serial fraction was left out: it means nothing for this speedup. */
        SERIAL_FRACTION_UNDEFINED,
        /** The machine was loaded when the experiment started. */
        MACHINE_LOADED,
        /** The node built its worker AOT cache while the experiment ran. */
        AOT_CACHE_BUILDING,
        /**
         * A warning from before warnings had codes: results stored then kept only its text, and
         * migration V4 gave them this code. Nothing measured today is given it.
         */
        UNCODED
    }
}
