package org.concurrencylab.execution;

import org.concurrencylab.workload.WorkloadKind;
import org.concurrencylab.workload.WorkloadParams;

/**
 * What one repetition runs: a validated workload, how many tasks, how many at once (0 = no cap,
 * for models that allow it), and the model's own knobs.
 */
public record RunPlan(WorkloadKind kind, WorkloadParams params, int tasks, int parallelism, ModelOptions options) {

    public RunPlan(WorkloadKind kind, WorkloadParams params, int tasks, int parallelism) {
        this(kind, params, tasks, parallelism, ModelOptions.DEFAULTS);
    }

    public RunPlan withParallelism(int newParallelism) {
        return new RunPlan(kind, params, tasks, newParallelism, options);
    }
}
