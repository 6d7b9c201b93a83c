package org.concurrencylab.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.concurrencylab.measure.Comparison;
import org.concurrencylab.measure.Summary;

/**
 * Experiments side by side and each against the first, as {@code GET /api/v1/compare} answers.
 *
 * @param experiments in the order asked for, the first the reference
 * @param differences every spec field in which any two differ (the name aside), with each one's value
 * @param comparisons each experiment after the first against the first
 */
@Schema(description = "Experiments side by side, and each against the first (the reference).")
public record ComparisonReport(List<Compared> experiments, List<SpecDifference> differences,
        List<Versus> comparisons) {

    /**
     * One experiment as compared.
     *
     * @param spec every field of its spec but the name, named as {@code differences} names them
     * @param partial stopped before all its runs finished: its summary is of those that did
     * @param summary absent when no run finished
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ComparedExperiment", description = "One experiment as compared.")
    public record Compared(String id, String name, ExperimentStatus status, boolean partial, String nodeId,
            @Schema(description = "Every field of the spec but its name: model, parallelism, tasks, workload.kind, "
                    + "workload.params.<param>, warmups, repetitions, baseline, timeLimitSeconds and the model's "
                    + "options.") Map<String, Object> spec,
            Summary summary) {}

    /**
     * One experiment against the reference: the ratio of their median wall times (above 1: this one is
     * slower), its bootstrap interval, Welch's t and Mann-Whitney's U on the measured runs' wall
     * times, a verdict in words, and warnings (specs that differ in more than the model, too few
     * runs and how many would do, partial results, other nodes).
     *
     * @param id this experiment
     * @param againstId the reference, the first experiment asked for
     */
    @Schema(name = "Comparison", description = "One experiment against the reference (the first asked for).")
    public record Versus(String id, String againstId, @JsonUnwrapped Comparison comparison) {}
}
