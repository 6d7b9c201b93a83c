package org.concurrencylab.experiment;

import org.concurrencylab.execution.ExecutionModel;
import org.concurrencylab.execution.ExecutionRequest;
import org.concurrencylab.execution.ModelOptions;
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
        int timeLimitSeconds,
        ModelOptions options) {

    public ResolvedSpec {
        // Experiments stored before models had options read back with none.
        options = options == null ? ModelOptions.DEFAULTS : options;
    }

    /** The parallelism speedup is divided by: a VIRTUAL_THREADS run with no cap can run every task at once. */
    public int effectiveParallelism() {
        return parallelism > 0 ? parallelism : tasks;
    }

    /** The workload by its catalog id, with every param at its given or default value. */
    public record ResolvedWorkload(String kind, java.util.Map<String, Long> params) {

        public WorkloadKind workloadKind() {
            return WorkloadKind.byId(kind).orElseThrow(() -> new IllegalStateException("unknown kind " + kind));
        }

        /** The params as users write them: a choice by its name, an integer as itself. */
        public java.util.Map<String, Object> displayParams() {
            java.util.Map<String, Object> shown = new java.util.LinkedHashMap<>();
            WorkloadKind workloadKind = workloadKind();
            params.forEach((name, value) -> shown.put(name, workloadKind.param(name)
                    .filter(org.concurrencylab.workload.ParamSpec::isChoice)
                    .<Object>map(p -> p.choiceName(value))
                    .orElse(value)));
            return shown;
        }
    }

    public ExecutionRequest toExecutionRequest() {
        // Defaults first: a spec stored before a param existed still runs, with that param's default.
        WorkloadKind kind = workload.workloadKind();
        WorkloadParams params = WorkloadParams.defaults(kind).overriddenBy(new WorkloadParams(workload.params()));
        RunPlan plan = new RunPlan(kind, params, tasks, parallelism, options);
        return new ExecutionRequest(model, plan, warmups, repetitions, baseline);
    }
}
