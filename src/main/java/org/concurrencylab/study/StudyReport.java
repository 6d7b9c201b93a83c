package org.concurrencylab.study;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.ExperimentStatus;
import org.concurrencylab.measure.AmdahlFit;
import org.concurrencylab.measure.UslFit;

/**
 * A study as the API shows it: its status derived from the cells, progress, the table whose
 * numbers are copied unchanged from each cell experiment's {@code result.summary}, and the scaling
 * laws fitted to the cells' runs.
 *
 * @param sweep the swept params and their values; absent without a sweep
 * @param fits per model (and combination of swept values) with at least three parallelism values
 *     measured: Amdahl's law and the Universal Scalability Law fitted to its runs
 * @param interpretation the fits in plain words, a line per model; absent until something is fitted
 */
@Schema(description = "A study: status, progress, the scaling table, the laws fitted to it and what they say.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StudyReport(
        String id,
        String name,
        StudyStatus status,
        boolean cancelRequested,
        Instant createdAt,
        Progress progress,
        String workloadKind,
        Map<String, Object> workloadParams,
        List<ExecutionModel> models,
        List<Integer> parallelism,
        StudySpec.Scaling scaling,
        Map<String, List<Object>> sweep,
        List<Row> table,
        List<Fit> fits,
        String interpretation) {

    /** Cells finished (in any terminal status) out of all cells. */
    public record Progress(int done, int total) {}

    /**
     * One cell. The numbers are absent until the cell has a result (and speedup fields when the
     * cell's summary has none).
     *
     * @param params this cell's values of the swept params; absent without a sweep
     * @param tasks tasks per repetition (under weak scaling, the per-worker tasks times parallelism)
     * @param weakScalingEfficiency weak scaling only: the model's median wall time at parallelism 1
     *     over this cell's (1 is perfect); absent without a measured cell at parallelism 1
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(
            ExecutionModel model,
            int parallelism,
            Map<String, Object> params,
            int tasks,
            String experimentId,
            ExperimentStatus status,
            Double medianWallMillis,
            Double throughputPerSecond,
            Double baselineMedianWallMillis,
            Double speedup,
            Double speedupCi95Low,
            Double speedupCi95High,
            Double efficiency,
            Double serialFraction,
            Double weakScalingEfficiency) {}

    /**
     * The laws fitted to one model's measured runs (at one combination of swept values), numbers to
     * four significant digits.
     *
     * @param params the swept values these runs share; absent without a sweep
     * @param amdahl the serial fraction fitted to the runs' speedups, with its 95% interval
     * @param usl contention (sigma) and coherency (kappa) fitted to the runs' throughputs, with
     *     bootstrap intervals, R² and where throughput peaks
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "StudyFit", description = "Amdahl's law and the Universal Scalability Law fitted to one model's runs"
            + " (at one combination of swept values); numbers to four significant digits.")
    public record Fit(ExecutionModel model, Map<String, Object> params, AmdahlFit amdahl, UslFit usl) {}
}
