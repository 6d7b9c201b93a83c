package org.concurrencylab.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ModelOptions;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.execution.ExecutionRequest;
import org.concurrencylab.execution.RunPlan;
import org.concurrencylab.measure.Subject;
import org.concurrencylab.workload.Workloads;

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

    /** The parallelism speedup is divided by: a VIRTUAL_THREADS run with no cap can run every task at once. */
    public int effectiveParallelism() {
        return parallelism > 0 ? parallelism : tasks;
    }

    /** The workload by its catalog id, with every param at its given or default value. */
    public record ResolvedWorkload(String kind, Map<String, Long> params) {

        public WorkloadDefinition definition() {
            return Workloads.byId(kind).orElseThrow(() -> new IllegalStateException("unknown workload " + kind));
        }

        /** Every declared param: the given values over the defaults. */
        public ParamValues values() {
            return definition().defaults().overriddenBy(params);
        }

        /** The params as users write them: a choice by its name, a flag and an integer as numbers. */
        public Map<String, Object> displayParams() {
            Map<String, Object> shown = new LinkedHashMap<>();
            WorkloadDefinition definition = definition();
            params.forEach((name, value) -> shown.put(name, definition.param(name)
                    .filter(Param.Choice.class::isInstance)
                    .<Object>map(p -> ((Param.Choice) p).choiceName(value))
                    .orElse(value)));
            return shown;
        }
    }

    /**
     * Every field but the name, as the API names them ({@code workload.params.size}, an option by its
     * name), with its value as shown: what two specs are compared by.
     */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("model", model);
        fields.put("parallelism", parallelism);
        fields.put("tasks", tasks);
        fields.put("workload.kind", workload.kind());
        workload.displayParams().forEach((param, value) -> fields.put("workload.params." + param, value));
        fields.put("warmups", warmups);
        fields.put("repetitions", repetitions);
        fields.put("baseline", baseline);
        fields.put("timeLimitSeconds", timeLimitSeconds);
        fields.putAll(options.shownFor(model));
        return fields;
    }

    public ExecutionRequest toExecutionRequest() {
        RunPlan plan = new RunPlan(workload.definition(), workload.values(), tasks, parallelism, options,
                timeLimitSeconds);
        return new ExecutionRequest(model, plan, warmups, repetitions, baseline);
    }

    /** What the result's interpretation reads. */
    public Subject subject() {
        return new Subject(model, workload.definition(), workload.values(), effectiveParallelism(),
                model != ExecutionModel.VIRTUAL_THREADS || parallelism > 0);
    }
}
