package org.concurrencylab.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.Estimate;
import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.experiment.ExperimentStatus;
import org.concurrencylab.experiment.ResolvedSpec;
import org.concurrencylab.measure.ExperimentResult;
import org.concurrencylab.security.Owner;

/** An experiment as the API shows it: the spec with defaults filled in, its status, and its result. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A stored experiment. `result` appears once it has finished (partial if it was stopped).")
record ExperimentResponse(
        String id,
        String name,
        ExperimentStatus status,
        @Schema(description = "Why it failed, timed out or was cancelled.") String statusReason,
        ExecutionModel model,
        int parallelism,
        int tasks,
        Workload workload,
        int warmups,
        int repetitions,
        boolean baseline,
        int timeLimitSeconds,
        @Schema(description = "The model's own options (stages, threshold, switchIntervalMillis, "
                + "slowCallbackMillis, reuseWorkers, chunkSize, maxTasksPerWorker, aotCache), each with its value or "
                + "default.")
        Map<String, Object> options,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        @Schema(description = "Milliseconds between submission and start.") Long queueWaitMillis,
        @Schema(description = "The node that ran it.") String nodeId,
        ExperimentResult result,
        @Schema(description = "Who submitted it; absent for experiments stored before the lab had users.") Owner owner,
        @Schema(description = "Readable by every signed-in user; only the owner, the owner's teacher and admins may "
                + "cancel or share it.") boolean shared,
        @Schema(description = "How long it was expected to take when submitted; absent when nothing was known (no "
                + "declared waits, no earlier runs of the spec).") Estimate estimate) {

    record Workload(String kind, Map<String, Object> params) {}

    private static Map<String, Object> options(ResolvedSpec spec) {
        Map<String, Object> options = spec.options().shownFor(spec.model());
        return options.isEmpty() ? null : options;
    }

    static ExperimentResponse from(Experiment e) {
        ResolvedSpec spec = e.spec();
        Long queueWait = e.startedAt() == null ? null : e.startedAt().toEpochMilli() - e.createdAt().toEpochMilli();
        return new ExperimentResponse(e.id(), spec.name(), e.status(), e.statusReason(), spec.model(),
                spec.parallelism(), spec.tasks(), new Workload(spec.workload().kind(), spec.workload().displayParams()),
                spec.warmups(), spec.repetitions(), spec.baseline(), spec.timeLimitSeconds(), options(spec), e.createdAt(),
                e.startedAt(), e.finishedAt(), queueWait, e.nodeId(), e.result(), e.owner(), e.shared(), e.estimate());
    }
}
