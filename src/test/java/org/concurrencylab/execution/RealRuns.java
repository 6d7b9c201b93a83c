package org.concurrencylab.execution;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.measure.RunResult;

/**
 * Runs a real workload through the real engine and hands back its runs, so tests in other
 * packages (the interpreter, the web slices) read observations shaped exactly as production makes
 * them instead of hand-written maps.
 */
public final class RealRuns {

    private RealRuns() {}

    /** The kind's defaults with these overrides; a choice is given by its name, everything else as a number. */
    public static ParamValues params(WorkloadDefinition kind, Map<String, Object> given) {
        Map<String, Long> values = new HashMap<>();
        given.forEach((name, value) -> values.put(name, value instanceof String choice
                ? (long) ((Param.Choice) kind.param(name).orElseThrow()).choices().indexOf(choice)
                : ((Number) value).longValue()));
        return kind.defaults().overriddenBy(values);
    }

    /** Measured runs (no warm-up, no baseline) of an in-process model: every model but PROCESSES. */
    public static List<RunResult> inProcess(ExecutionModel model, WorkloadDefinition kind, ParamValues params, int tasks,
            int parallelism, int repetitions) throws Exception {
        return run(TestRunners.inProcess(), model, kind, params, tasks, parallelism, repetitions);
    }

    /** Measured runs on real worker JVMs started from a worker jar written into {@code workerDir}; none outlives the call. */
    public static List<RunResult> onWorkerProcesses(Path workerDir, WorkloadDefinition kind, ParamValues params,
            int tasks, int parallelism, int repetitions) throws Exception {
        TestWorkers workers = new TestWorkers(workerDir);
        try {
            return run(new ModelRunners(new SimpleMeterRegistry(), workers.launcher), ExecutionModel.PROCESSES, kind,
                    params, tasks, parallelism, repetitions);
        } finally {
            workers.launcher.shutdown();
        }
    }

    private static List<RunResult> run(ModelRunners runners, ExecutionModel model, WorkloadDefinition kind,
            ParamValues params, int tasks, int parallelism, int repetitions) throws Exception {
        ExecutionEngine engine = new ExecutionEngine(runners, List::of);
        List<RunResult> runs = new ArrayList<>();
        engine.run(new ExecutionRequest(model, new RunPlan(kind, params, tasks, parallelism), 0, repetitions, false),
                runs::add);
        return runs;
    }
}
