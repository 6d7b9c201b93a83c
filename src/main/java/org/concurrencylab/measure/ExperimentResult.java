package org.concurrencylab.measure;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Everything measured for one experiment. A cancelled or timed-out experiment keeps the runs that
 * finished before it stopped ({@code complete} false).
 *
 * @param observations what the model's measured runs observed, combined (see each run's own)
 */
public record ExperimentResult(
        boolean complete,
        List<RunResult> runs,
        Summary summary,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> observations,
        Environment environment) {

    public static ExperimentResult of(boolean complete, List<RunResult> runs, int parallelism, Environment environment) {
        List<Map<String, Object>> measured = runs.stream()
                .filter(r -> !r.warmup() && !r.baseline() && r.observations() != null)
                .map(RunResult::observations)
                .toList();
        return new ExperimentResult(complete, List.copyOf(runs), Summary.of(runs, parallelism, environment),
                Observations.combine(measured), environment);
    }
}
