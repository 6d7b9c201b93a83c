package org.concurrencylab.study;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.ExperimentStatus;
import org.concurrencylab.security.Owner;

/**
 * A study as the API shows it: its status derived from the cells, progress, and the table whose
 * numbers are copied unchanged from each cell experiment's {@code result.summary}.
 */
@Schema(description = "A study: status, progress and the scaling table.")
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
        List<Row> table,
        @Schema(description = "Who submitted it; absent for studies stored before the lab had users.")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Owner owner,
        @Schema(description = "Readable by every signed-in user (and so are its cells); only the owner, the "
                + "owner's teacher and admins may cancel or share it.")
        boolean shared) {

    /** Cells finished (in any terminal status) out of all cells. */
    public record Progress(int done, int total) {}

    /**
     * One cell. The numbers are absent until the cell has a result (and speedup fields when the
     * cell's summary has none).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(
            ExecutionModel model,
            int parallelism,
            String experimentId,
            ExperimentStatus status,
            Double medianWallMillis,
            Double throughputPerSecond,
            Double baselineMedianWallMillis,
            Double speedup,
            Double speedupCi95Low,
            Double speedupCi95High,
            Double efficiency,
            Double serialFraction) {}
}
