package org.concurrencylab.experiment;

import org.concurrencylab.execution.ExecutionModel;
import org.concurrencylab.execution.ExecutionRequest;
import org.concurrencylab.execution.RunPlan;
import org.concurrencylab.workload.WorkloadKind;
import org.concurrencylab.workload.WorkloadParams;

/** A spec after validation: every field present, every number within its bounds. */
public record ResolvedSpec(
        String name,
        ExecutionModel model,
        int parallelism,
        int tasks,
        ResolvedWorkload workload,
        int warmups,
        int repetitions,
        boolean baseline,
        int timeLimitSeconds) {

    /** The workload by its catalog id, with every param at its given or default value. */
    public record ResolvedWorkload(String kind, java.util.Map<String, Long> params) {

        public WorkloadKind workloadKind() {
            return WorkloadKind.byId(kind).orElseThrow(() -> new IllegalStateException("unknown kind " + kind));
        }
    }

    public ExecutionRequest toExecutionRequest() {
        RunPlan plan = new RunPlan(workload.workloadKind(), new WorkloadParams(workload.params()), tasks, parallelism);
        return new ExecutionRequest(model, plan, warmups, repetitions, baseline);
    }
}
