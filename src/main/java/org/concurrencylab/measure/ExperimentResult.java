package org.concurrencylab.measure;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Everything measured for one experiment. A cancelled or timed-out experiment keeps the runs that
 * finished before it stopped ({@code complete} false).
 *
 * @param observations what the model's measured runs observed, combined (see each run's own)
 * @param interpretation what the numbers show in plain words and which lecture idea they illustrate,
 *     derived from the summary and observations by {@link Interpreter}; absent on results stored before it
 */
public record ExperimentResult(
        boolean complete,
        List<RunResult> runs,
        Summary summary,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> observations,
        Environment environment,
        @JsonInclude(JsonInclude.Include.NON_NULL) String interpretation) {

    /** Without the workload kind: the interpretation names the model taken from the runs and no kind. */
    public static ExperimentResult of(boolean complete, List<RunResult> runs, int parallelism, Environment environment) {
        String model = runs.stream().filter(r -> !r.baseline()).map(RunResult::model).findFirst().orElse(null);
        return of(complete, runs, parallelism, environment, model, null);
    }

    public static ExperimentResult of(boolean complete, List<RunResult> runs, int parallelism, Environment environment,
            String model, String workloadKind) {
        return of(complete, runs, parallelism, environment, model, workloadKind, List.of());
    }

    /**
     * With {@code extraWarnings}: what the runs themselves cannot show (the node's own background
     * work, say), put into the summary before the interpretation counts its warnings.
     */
    public static ExperimentResult of(boolean complete, List<RunResult> runs, int parallelism, Environment environment,
            String model, String workloadKind, List<String> extraWarnings) {
        List<Map<String, Object>> measured = runs.stream()
                .filter(r -> !r.warmup() && !r.baseline() && r.observations() != null)
                .map(RunResult::observations)
                .toList();
        Summary summary = Summary.of(runs, parallelism, environment);
        for (String warning : extraWarnings) {
            summary = summary.withWarning(warning);
        }
        Map<String, Object> observations = Observations.combine(measured);
        int cores = environment == null ? 0 : environment.availableProcessors();
        String interpretation = Interpreter.interpret(model, workloadKind, parallelism, cores, summary, observations,
                complete);
        return new ExperimentResult(complete, List.copyOf(runs), summary, observations, environment, interpretation);
    }
}
