package org.concurrencylab.measure;

import java.util.List;

/**
 * Everything measured for one experiment. A cancelled or timed-out experiment keeps the runs that
 * finished before it stopped ({@code complete} false).
 */
public record ExperimentResult(boolean complete, List<RunResult> runs, Summary summary, Environment environment) {

    public static ExperimentResult of(boolean complete, List<RunResult> runs, int parallelism, Environment environment) {
        return new ExperimentResult(complete, List.copyOf(runs), Summary.of(runs, parallelism), environment);
    }
}
