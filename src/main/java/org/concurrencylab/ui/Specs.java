package org.concurrencylab.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ModelOption;
import org.concurrencylab.experiment.ExperimentSpec;
import org.concurrencylab.experiment.ResolvedSpec;

/** Between the spec a user submits and what pages show or submit again. */
final class Specs {

    private Specs() {}

    /** What was run, as a spec to submit again (choices by name, every option as it ran). */
    static ExperimentSpec toSpec(ResolvedSpec resolved) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        numbers.put("parallelism", resolved.parallelism());
        numbers.put("tasks", resolved.tasks());
        numbers.put("warmups", resolved.warmups());
        numbers.put("repetitions", resolved.repetitions());
        numbers.put("timeLimitSeconds", resolved.timeLimitSeconds());
        return spec(resolved.name(), resolved.model(), numbers,
                new ExperimentSpec.WorkloadSpec(resolved.workload().kind(), resolved.workload().displayParams()),
                resolved.baseline(), resolved.options().shownFor(resolved.model()));
    }

    /** A spec from its common numbers and the model's options by name (others are left out). */
    static ExperimentSpec spec(String name, ExecutionModel model, Map<String, Integer> numbers,
            ExperimentSpec.WorkloadSpec workload, boolean baseline, Map<String, Object> options) {
        return new ExperimentSpec(name, model, numbers.get("parallelism"), numbers.get("tasks"), workload,
                numbers.get("warmups"), numbers.get("repetitions"), baseline ? Boolean.TRUE : null,
                numbers.get("timeLimitSeconds"),
                (Integer) options.get(ModelOption.STAGES.name()),
                (Integer) options.get(ModelOption.THRESHOLD.name()),
                (Integer) options.get(ModelOption.SWITCH_INTERVAL_MILLIS.name()),
                (Boolean) options.get(ModelOption.REUSE_WORKERS.name()),
                (Integer) options.get(ModelOption.CHUNK_SIZE.name()),
                (Integer) options.get(ModelOption.MAX_TASKS_PER_WORKER.name()),
                (Boolean) options.get(ModelOption.AOT_CACHE.name()),
                (Integer) options.get(ModelOption.SLOW_CALLBACK_MILLIS.name()));
    }
}
