package org.concurrencylab.core;

/**
 * How the values of one observation from several parts of a run (the worker JVMs of a PROCESSES
 * run, each of which ran some of the tasks) combine into the run's value, as JMH's
 * {@code AggregationPolicy} does for its results. Declared once, by whoever makes the observation.
 */
public enum Aggregation {
    /** Counters: bytes written, requests sent, updates lost. */
    SUM,
    /** Peaks and worst cases: peak holders, the longest wait. */
    MAX,
    /** Best cases. */
    MIN,
    /** Averages over parts of equal weight. */
    MEAN,
    /** A setting every part shares (a strategy, a mode): parts that disagree are all listed. */
    SAME,
    /** Computed from other observations of the same run by the workload's definition (a ratio). */
    DERIVED;

    /** Combines two numbers under this policy; SAME and DERIVED keep the first (see callers). */
    double combine(double a, double b, int partsSoFar) {
        return switch (this) {
            case SUM -> a + b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case MEAN -> (a * partsSoFar + b) / (partsSoFar + 1);
            case SAME, DERIVED -> a;
        };
    }
}
