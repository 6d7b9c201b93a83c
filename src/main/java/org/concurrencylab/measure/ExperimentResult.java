package org.concurrencylab.measure;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.Observations;

/**
 * Everything measured for one experiment. A cancelled or timed-out experiment keeps the runs that
 * finished before it stopped ({@code complete} false).
 *
 * @param observations what the model's measured runs observed, combined (see each run's own)
 * @param interpretation what the numbers show in plain words and which lecture idea they illustrate,
 *     derived from the summary and observations by {@link Interpreter}; absent on results from before
 *     results were interpreted
 * @param outcomes the final values the measured runs ended in, jcstress-style, for workloads that
 *     declare them ({@link org.concurrencylab.core.RaceOutcomes}); absent for the others and on
 *     results stored before it
 */
public record ExperimentResult(
        boolean complete,
        List<RunResult> runs,
        Summary summary,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) ObservationSummary observations,
        Environment environment,
        @JsonInclude(JsonInclude.Include.NON_NULL) String interpretation,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Outcome> outcomes) {

    /**
     * One row of the outcome table: a final value, how many measured runs ended in it, and whether it
     * is allowed.
     *
     * @param observed the final value of the shared state (the counter)
     * @param expected what it must be when no update is lost
     * @param count measured runs that ended in this value
     */
    public record Outcome(long observed, long expected, int count, Expect expect, String description) {

        /** jcstress's grades: exactly the expected value, or a value no correct program can give. */
        public enum Expect { ACCEPTABLE, FORBIDDEN }
    }

    /**
     * @param extraWarnings what the runs themselves cannot show (the node's own background work,
     *     say), put into the summary before the interpretation counts its warnings
     */
    public static ExperimentResult of(boolean complete, List<RunResult> runs, Environment environment, Subject subject,
            List<Warning> extraWarnings) {
        List<Observations> measured = runs.stream()
                .filter(r -> !r.warmup() && !r.baseline() && r.observations() != null)
                .map(RunResult::observations)
                .toList();
        Summary summary = Summary.of(runs, subject.parallelism(), environment);
        for (Warning warning : extraWarnings) {
            summary = summary.withWarning(warning);
        }
        ObservationSummary observations = ObservationSummary.of(measured);
        int cores = environment == null ? 0 : environment.availableProcessors();
        String interpretation = Interpreter.interpret(subject, cores, summary, observations, complete);
        List<Outcome> outcomes = subject.workload().outcomes()
                .map(declared -> OutcomeTable.of(declared, measured))
                .orElse(List.of());
        String table = OutcomeTable.sentence(outcomes);
        if (interpretation != null && !table.isEmpty()) {
            interpretation = interpretation + " " + table;
        }
        return new ExperimentResult(complete, List.copyOf(runs), summary, observations, environment, interpretation,
                outcomes);
    }

    /**
     * A result read back from storage, its combined observations as {@link #plainObservations()}
     * gave them: nothing is measured or interpreted again.
     */
    public static ExperimentResult restored(boolean complete, List<RunResult> runs, Summary summary,
            Map<String, Object> observations, Environment environment, String interpretation, List<Outcome> outcomes) {
        return new ExperimentResult(complete, List.copyOf(runs), summary, ObservationSummary.fromPlain(observations),
                environment, interpretation, outcomes == null ? List.of() : List.copyOf(outcomes));
    }

    /**
     * Whether the experiment was stopped (its time limit, a cancel, the node shutting down) before
     * all its runs finished: the runs, summary and observations are of those that did, and a
     * {@link Warning.Code#PARTIAL} warning says how many.
     */
    @JsonProperty("partial")
    public boolean partial() {
        return !complete;
    }

    /** The combined observations as the API shows them: name to a value, a range or the values seen. */
    public Map<String, Object> plainObservations() {
        return observations.plain();
    }
}
