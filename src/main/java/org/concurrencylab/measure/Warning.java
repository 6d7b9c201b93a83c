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
         * The experiment was stopped (its time limit, a cancel, the node shutting down) before all its
         * runs finished: the summary is of those that did.
         */
        PARTIAL,
        /** A comparison: every run of each took the same time, so the t-test has nothing to weigh. */
        NO_SPREAD,
        /** A comparison: too few runs for the rank test to count; it is shown, not used. */
        RANK_TEST_LEFT_OUT,
        /** A comparison: Welch's t and Mann-Whitney's U disagree about significance. */
        TESTS_DISAGREE,
        /** A comparison: the tests find a difference, but the ratio's interval includes 1. */
        RATIO_NOT_SIGNIFICANT,
        /** A comparison: more runs of each would be needed to detect a difference of the observed size. */
        MORE_RUNS_NEEDED,
        /** A comparison: the specs differ in more than the model, so the difference is not the model's alone. */
        SPECS_DIFFER,
        /** A comparison: the experiments were measured on different nodes (machines may differ). */
        NODES_DIFFER,
        /**
         * A warning from before warnings had codes: results stored then kept only its text, and
         * migration V4 gave them this code. Nothing measured today is given it.
         */
        UNCODED
    }
}
