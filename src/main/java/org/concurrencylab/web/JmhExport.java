package org.concurrencylab.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.experiment.ResolvedSpec;
import org.concurrencylab.measure.Environment;
import org.concurrencylab.measure.JmhJson;
import org.concurrencylab.measure.RunResult;

/**
 * An experiment as JMH's result array: one benchmark for the model and one for its SEQUENTIAL
 * baseline when one ran, so a JMH viewer shows them side by side as two values of the param
 * {@code model}.
 */
final class JmhExport {

    /** JMH names a benchmark by its class and method; the lab's are its workloads. */
    static final String BENCHMARK_PREFIX = "org.concurrencylab.";

    private JmhExport() {}

    /** Empty when no measured run of the model finished: JMH's format needs at least one iteration. */
    static Optional<List<JmhJson.Result>> of(Experiment experiment, JmhJson.Mode mode) {
        List<RunResult> runs = experiment.result() == null ? List.of() : experiment.result().runs();
        List<Double> measured = wallMillis(runs, false);
        if (measured.isEmpty()) {
            return Optional.empty();
        }
        ResolvedSpec spec = experiment.spec();
        JmhJson.Jvm jvm = jvm(experiment.result().environment());
        String benchmark = BENCHMARK_PREFIX + spec.workload().kind();
        List<JmhJson.Result> results = new ArrayList<>(JmhJson.ofWallTimes(benchmark, mode,
                spec.effectiveParallelism(), params(spec, spec.model(), spec.parallelism()), spec.warmups(), measured,
                spec.tasks(), jvm));
        List<Double> baseline = wallMillis(runs, true);
        if (!baseline.isEmpty()) {
            results.addAll(JmhJson.ofWallTimes(benchmark, mode, 1, params(spec, ExecutionModel.SEQUENTIAL, 1),
                    spec.warmups(), baseline, spec.tasks(), jvm));
        }
        return Optional.of(results);
    }

    private static List<Double> wallMillis(List<RunResult> runs, boolean baseline) {
        return runs.stream().filter(r -> !r.warmup() && r.baseline() == baseline).map(RunResult::wallMillis).toList();
    }

    /** What distinguishes this benchmark from the lab's others: JMH's params are its @Param fields. */
    private static Map<String, Object> params(ResolvedSpec spec, ExecutionModel model, int parallelism) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("model", model);
        params.put("parallelism", parallelism);
        params.put("tasks", spec.tasks());
        params.putAll(spec.workload().displayParams());
        if (model == spec.model()) {
            params.putAll(spec.options().shownFor(model));
        }
        return params;
    }

    /**
     * The JVM that measured the runs, as the result's environment recorded it (the node that ran it,
     * not the one answering); its path was not kept, so {@code jvm} is plain {@code java}.
     */
    private static JmhJson.Jvm jvm(Environment environment) {
        if (environment == null) {
            return new JmhJson.Jvm("java", List.of(), "", "", "");
        }
        return new JmhJson.Jvm("java", environment.jvmFlags() == null ? List.of() : environment.jvmFlags(),
                environment.javaVersion(), environment.vmName(), environment.javaVersion());
    }
}
