package org.concurrencylab.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.InvalidRequestException.Violation;
import org.concurrencylab.experiment.ExperimentSpec;
import org.concurrencylab.study.StudySpec;
import org.concurrencylab.workload.Workloads;

/**
 * The new-study form's fields as typed, and the study spec they make. Inputs: the spec's own field
 * names, one checkbox {@code model.<MODEL>} per model, the parallelism values as a list ("1, 2, 4"),
 * and the workload's params as on the experiment form ({@link ExperimentForm#paramInput}). Sweeps
 * stay with the API, where a list of values per param is easier to write than in a form.
 */
record StudyForm(Map<String, String> values) {

    static final List<String> COUNTS = List.of("tasks", "warmups", "repetitions", "timeLimitSeconds");

    StudyForm {
        values = Map.copyOf(values);
    }

    static String modelInput(ExecutionModel model) {
        return "model." + model.name();
    }

    /** What the user typed, or empty. */
    public String value(String input) {
        return values.getOrDefault(input, "");
    }

    /** Whether the model's checkbox is ticked (the template has the model's name). */
    public boolean checked(String model) {
        return "true".equals(value(modelInput(ExecutionModel.valueOf(model))));
    }

    /** The study most people start from: threads against processes and the GIL on a CPU kernel. */
    static StudyForm blank() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("workload", Workloads.ALL.getFirst().id());
        values.put(modelInput(ExecutionModel.THREADS), "true");
        values.put(modelInput(ExecutionModel.PROCESSES), "true");
        values.put(modelInput(ExecutionModel.GIL), "true");
        values.put("parallelism", "1, 2, 4");
        values.put("scaling", StudySpec.Scaling.STRONG.wire());
        return new StudyForm(values);
    }

    /** The spec the fields make, and what could not even be read (a word where a number belongs). */
    record Read(StudySpec spec, List<Violation> problems) {}

    Read read() {
        List<Violation> problems = new ArrayList<>();
        List<ExecutionModel> models = new ArrayList<>();
        for (ExecutionModel model : ExecutionModel.values()) {
            if ("true".equals(value(modelInput(model)))) {
                models.add(model);
            }
        }
        List<Integer> parallelism = new ArrayList<>();
        for (String raw : value("parallelism").split("[,\\s]+")) {
            if (!raw.isBlank()) {
                Integer p = ExperimentForm.integer("parallelism", raw, problems);
                if (p != null) {
                    parallelism.add(p);
                }
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String field : COUNTS) {
            counts.put(field, ExperimentForm.integer(field, value(field), problems));
        }
        StudySpec.Scaling scaling = StudySpec.Scaling.WEAK.wire().equals(value("scaling"))
                ? StudySpec.Scaling.WEAK : StudySpec.Scaling.STRONG;
        String kind = value("workload").isBlank() ? null : value("workload");
        String name = value("name").isBlank() ? null : value("name").strip();
        StudySpec spec = new StudySpec(name, new ExperimentSpec.WorkloadSpec(kind, ExperimentForm.params(kind, values)),
                models, parallelism, counts.get("tasks"), counts.get("warmups"), counts.get("repetitions"),
                counts.get("timeLimitSeconds"), scaling, null);
        return new Read(spec, problems);
    }

    /**
     * Where the form shows a violation: a cell's model ({@code models[GIL]}) or parallelism value
     * ({@code parallelism[2]}) at its list, the workload's kind at the workload select.
     */
    static String fieldOf(String field) {
        if (field.startsWith("models")) {
            return "models";
        }
        if (field.startsWith("parallelism")) {
            return "parallelism";
        }
        return NewExperimentPage.fieldOf(field);
    }
}
