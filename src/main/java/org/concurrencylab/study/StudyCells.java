package org.concurrencylab.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.InvalidRequestException.Violation;
import org.concurrencylab.experiment.ExperimentSpec;
import org.concurrencylab.experiment.InvalidSpecException;
import org.concurrencylab.experiment.SpecValidator;

/**
 * The cells a study spec asks for, each an experiment spec validated by the experiment rules before
 * anything is stored. Models outer, then the swept values, then parallelism, so each scaling curve
 * is a run of consecutive cells.
 */
final class StudyCells {

    /**
     * @param swept the swept params' values of this cell, in the sweep's order; empty without a sweep
     */
    record Planned(ExperimentSpec spec, ExecutionModel model, int parallelism, Map<String, Object> swept) {}

    private StudyCells() {}

    /**
     * A violation of a cell is reported against the study's field: {@code model} as
     * {@code models[i]}, {@code parallelism} as {@code parallelism[j]}, a swept param as
     * {@code sweep.<name>}, others (tasks, workload.params.size, ...) as they are, once each.
     */
    static List<Planned> plan(StudySpec spec, SpecValidator validator) {
        Set<Violation> violations = new LinkedHashSet<>();
        duplicates(spec.models(), "models", violations);
        duplicates(spec.parallelism(), "parallelism", violations);
        if (!sweepUsable(spec, violations)) {
            // Its cells cannot even be listed (or would be too many to validate): report what is known.
            throw new InvalidSpecException(List.copyOf(violations));
        }
        String label = spec.name() == null || spec.name().isBlank() ? spec.workload().kind() : spec.name().strip();
        boolean weak = spec.scalingOrDefault() == StudySpec.Scaling.WEAK;
        List<Planned> cells = new ArrayList<>();
        for (int i = 0; i < spec.models().size(); i++) {
            ExecutionModel model = spec.models().get(i);
            // SEQUENTIAL has one thread whatever the list says: one cell, not one refusal per value.
            List<Integer> parallelism = model == ExecutionModel.SEQUENTIAL ? List.of(1) : spec.parallelism();
            Integer tasksPerWorker = weak ? tasksPerWorker(spec, model, validator) : spec.tasks();
            for (Map<String, Object> swept : combinations(spec.sweepOrEmpty())) {
                for (int j = 0; j < parallelism.size(); j++) {
                    int p = parallelism.get(j);
                    Integer tasks = weak && tasksPerWorker != null
                            ? Integer.valueOf(tasksPerWorker * Math.max(1, p)) : spec.tasks();
                    ExperimentSpec cell = new ExperimentSpec(label + ": " + model + " x" + p + describe(swept),
                            model, p, tasks, withSwept(spec.workload(), swept), spec.warmups(), spec.repetitions(),
                            true, spec.timeLimitSeconds());
                    try {
                        validator.resolve(cell);
                    } catch (InvalidSpecException e) {
                        for (Violation v : e.violations()) {
                            violations.add(studyField(v, i, j, swept, weak));
                        }
                    }
                    cells.add(new Planned(cell, model, p, swept));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidSpecException(List.copyOf(violations));
        }
        return cells;
    }

    private static Violation studyField(Violation v, int model, int parallelism, Map<String, Object> swept,
            boolean weak) {
        String param = v.field().startsWith("workload.params.") ? v.field().substring("workload.params.".length()) : null;
        if (param != null && swept.containsKey(param)) {
            return new Violation("sweep." + param, "value " + swept.get(param) + ": " + v.message());
        }
        return switch (v.field()) {
            case "model" -> new Violation("models[" + model + "]", v.message());
            case "baseline" -> new Violation("models[" + model + "]",
                    "cannot be in a study of this workload: " + v.message());
            case "parallelism" -> new Violation("parallelism[" + parallelism + "]", v.message());
            case "tasks" -> new Violation("tasks", weak
                    ? "times parallelism[" + parallelism + "] (weak scaling): " + v.message() : v.message());
            default -> v;
        };
    }

    /**
     * Weak scaling gives each worker the tasks one worker has: the spec's tasks, or the default the
     * experiment rules give at parallelism 1. Null when even that cell is invalid (its violations are
     * reported with the others).
     */
    private static Integer tasksPerWorker(StudySpec spec, ExecutionModel model, SpecValidator validator) {
        if (spec.tasks() != null) {
            return spec.tasks();
        }
        try {
            return validator.resolve(new ExperimentSpec(null, model, 1, null,
                    withSwept(spec.workload(), combinations(spec.sweepOrEmpty()).getFirst()), spec.warmups(),
                    spec.repetitions(), true, spec.timeLimitSeconds())).tasks();
        } catch (InvalidSpecException e) {
            return null;
        }
    }

    /**
     * At most two params, each with 1 to MAX values, none repeated, none also fixed in
     * workload.params. False when the cells cannot be planned from it.
     */
    private static boolean sweepUsable(StudySpec spec, Set<Violation> violations) {
        int before = violations.size();
        Map<String, List<Object>> sweep = spec.sweepOrEmpty();
        if (sweep.size() > StudySpec.MAX_SWEEP_PARAMS) {
            violations.add(new Violation("sweep", "may sweep at most " + StudySpec.MAX_SWEEP_PARAMS
                    + " params (a line per model, or a heatmap for two); it names " + sweep.size()));
        }
        Map<String, Object> fixed = spec.workload().params() == null ? Map.of() : spec.workload().params();
        sweep.forEach((name, values) -> {
            String field = "sweep." + name;
            if (values == null || values.isEmpty() || values.size() > StudySpec.MAX_SWEEP_VALUES) {
                violations.add(new Violation(field, "must hold 1 to " + StudySpec.MAX_SWEEP_VALUES + " values"));
            } else {
                duplicates(values, field, violations);
            }
            if (fixed.containsKey(name)) {
                violations.add(new Violation(field, "is also in workload.params; give its values only in the sweep"));
            }
        });
        return violations.size() == before;
    }

    /** Every combination of the swept values, the first param outer; one empty map without a sweep. */
    static List<Map<String, Object>> combinations(Map<String, List<Object>> sweep) {
        List<Map<String, Object>> combinations = List.of(Map.of());
        for (Map.Entry<String, List<Object>> param : sweep.entrySet()) {
            List<Map<String, Object>> longer = new ArrayList<>();
            for (Map<String, Object> before : combinations) {
                for (Object value : param.getValue()) {
                    Map<String, Object> next = new LinkedHashMap<>(before);
                    next.put(param.getKey(), value);
                    longer.add(next);
                }
            }
            combinations = longer;
        }
        return combinations;
    }

    private static ExperimentSpec.WorkloadSpec withSwept(ExperimentSpec.WorkloadSpec workload, Map<String, Object> swept) {
        if (swept.isEmpty()) {
            return workload;
        }
        Map<String, Object> params = new LinkedHashMap<>(workload.params() == null ? Map.of() : workload.params());
        params.putAll(swept);
        return new ExperimentSpec.WorkloadSpec(workload.kind(), params);
    }

    private static String describe(Map<String, Object> swept) {
        StringBuilder text = new StringBuilder();
        swept.forEach((name, value) -> text.append(", ").append(name).append('=').append(value));
        return text.toString();
    }

    private static void duplicates(List<?> values, String field, Set<Violation> violations) {
        for (int i = 0; i < values.size(); i++) {
            int first = values.indexOf(values.get(i));
            if (first < i) {
                violations.add(new Violation(field + "[" + i + "]",
                        "duplicates " + field + "[" + first + "] (" + values.get(i) + "); each value may appear once"));
            }
        }
    }
}
