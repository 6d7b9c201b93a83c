package org.concurrencylab.execution;

import org.concurrencylab.core.ModelOptions;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.WorkloadDefinition;

/**
 * What one repetition runs: a validated workload, how many tasks, how many at once (0 = no cap,
 * for models that allow it), the model's own knobs, and the experiment's time limit (0 when none is
 * known), from which each worker JVM's CPU time limit follows.
 */
public record RunPlan(WorkloadDefinition workload, ParamValues params, int tasks, int parallelism,
        ModelOptions options, int timeLimitSeconds) {

    public RunPlan(WorkloadDefinition workload, ParamValues params, int tasks, int parallelism) {
        this(workload, params, tasks, parallelism, ModelOptions.DEFAULTS);
    }

    public RunPlan(WorkloadDefinition workload, ParamValues params, int tasks, int parallelism,
            ModelOptions options) {
        this(workload, params, tasks, parallelism, options, 0);
    }

    public RunPlan withParallelism(int newParallelism) {
        return new RunPlan(workload, params, tasks, newParallelism, options, timeLimitSeconds);
    }
}
