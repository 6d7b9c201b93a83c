package org.concurrencylab.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.InvalidRequestException.Violation;
import org.concurrencylab.core.ModelOption;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.experiment.ExperimentSpec;
import org.concurrencylab.experiment.ResolvedSpec;
import org.concurrencylab.workload.Workloads;

/**
 * The new-experiment form's fields as typed (kept to show them again next to their errors), and the
 * spec they make. Input names: the spec's own field names; {@code param.<kind>.<name>} for a
 * workload's params and {@code option.<MODEL>.<name>} for a model's options, so every workload and
 * model has its own inputs and only the chosen ones are read.
 */
record ExperimentForm(Map<String, String> values) {

    static final List<String> COMMON = List.of("parallelism", "tasks", "warmups", "repetitions", "timeLimitSeconds");

    ExperimentForm {
        values = Map.copyOf(values);
    }

    static String paramInput(String kind, String param) {
        return "param." + kind + "." + param;
    }

    static String optionInput(ExecutionModel model, String option) {
        return "option." + model.name() + "." + option;
    }

    /** What the user typed, or empty. */
    public String value(String input) {
        return values.getOrDefault(input, "");
    }

    /** An empty form: the first model and workload, every param at its default. */
    static ExperimentForm blank() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("model", ExecutionModel.THREADS.name());
        values.put("workload", Workloads.ALL.getFirst().id());
        values.put("baseline", "true");
        return new ExperimentForm(values);
    }

    /** The form filled in with a spec (a lesson's, or an experiment's to run again with changes). */
    static ExperimentForm of(ExperimentSpec spec) {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "name", spec.name());
        put(values, "model", spec.model() == null ? null : spec.model().name());
        String kind = spec.workload() == null ? null : spec.workload().kind();
        put(values, "workload", kind);
        put(values, "parallelism", spec.parallelism());
        put(values, "tasks", spec.tasks());
        put(values, "warmups", spec.warmups());
        put(values, "repetitions", spec.repetitions());
        put(values, "timeLimitSeconds", spec.timeLimitSeconds());
        put(values, "baseline", Boolean.TRUE.equals(spec.baseline()) ? "true" : null);
        if (kind != null && spec.workload().params() != null) {
            spec.workload().params().forEach((name, value) -> put(values, paramInput(kind, name), value));
        }
        if (spec.model() != null) {
            spec.givenOptions().forEach((name, value) -> put(values, optionInput(spec.model(), name), value));
        }
        return new ExperimentForm(values);
    }

    static ExperimentForm of(ResolvedSpec spec) {
        return of(Specs.toSpec(spec));
    }

    /** The spec the fields make, and what could not even be read (a word where a number belongs). */
    record Read(ExperimentSpec spec, List<Violation> problems) {}

    Read read() {
        List<Violation> problems = new ArrayList<>();
        ExecutionModel model = null;
        try {
            model = value("model").isBlank() ? null : ExecutionModel.valueOf(value("model"));
        } catch (IllegalArgumentException e) {
            problems.add(new Violation("model", "must be one of the listed models"));
        }
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (String field : COMMON) {
            numbers.put(field, integer(field, value(field), problems));
        }
        String kind = value("workload").isBlank() ? null : value("workload");
        Map<String, Object> params = params(kind, values);
        Map<String, Object> options = new LinkedHashMap<>();
        if (model != null) {
            for (ModelOption option : model.options()) {
                String raw = value(optionInput(model, option.name())).strip();
                if (raw.isEmpty()) {
                    continue;
                }
                options.put(option.name(), switch (option) {
                    case ModelOption.Bool bool -> Boolean.valueOf(raw);
                    case ModelOption.Int integer -> integer(option.name(), raw, problems);
                });
            }
        }
        String name = value("name").isBlank() ? null : value("name").strip();
        ExperimentSpec spec = Specs.spec(name, model, numbers, new ExperimentSpec.WorkloadSpec(kind, params),
                "true".equals(value("baseline")), options);
        return new Read(spec, problems);
    }

    /** The params typed for workload {@code kind} (inputs {@link #paramInput}); empty ones are left to their defaults. */
    static Map<String, Object> params(String kind, Map<String, String> values) {
        Map<String, Object> params = new LinkedHashMap<>();
        WorkloadDefinition definition = kind == null ? null : Workloads.byId(kind).orElse(null);
        if (definition != null) {
            for (Param param : definition.params()) {
                String raw = values.getOrDefault(paramInput(kind, param.name()), "").strip();
                if (!raw.isEmpty()) {
                    // A number where one belongs; anything else goes as typed, and the validator says what is allowed.
                    params.put(param.name(), param instanceof Param.Choice ? raw : asLongOr(raw));
                }
            }
        }
        return params;
    }

    static Integer integer(String field, String raw, List<Violation> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            problems.add(new Violation(field, "must be a whole number, was '" + raw.strip() + "'"));
            return null;
        }
    }

    private static Object asLongOr(String raw) {
        try {
            return Long.valueOf(raw);
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    private static void put(Map<String, String> values, String key, Object value) {
        if (value != null) {
            values.put(key, value.toString());
        }
    }
}
