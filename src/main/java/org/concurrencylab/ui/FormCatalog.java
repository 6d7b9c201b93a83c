package org.concurrencylab.ui;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ModelOption;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.experiment.LimitsProperties;
import org.concurrencylab.workload.Workloads;
import org.springframework.stereotype.Component;

/**
 * The catalog as the new-experiment form lays it out: every model with its own options, every
 * workload with its params, each with its default, bounds and unit, read from the same declarations
 * and limits the validator checks against (as {@code GET /api/v1/catalog/*} does).
 */
@Component
class FormCatalog {

    private final LimitsProperties limits;

    FormCatalog(LimitsProperties limits) {
        this.limits = limits;
    }

    /** One input: its name in the form, an id for its label and error, and what the user may type. */
    record Field(String name, String input, String id, String label, String description, String type, String unit,
            String defaultValue, Long min, Long max, List<String> choices) {

        public String hint() {
            StringBuilder hint = new StringBuilder();
            if (defaultValue != null) {
                hint.append("default ").append(defaultValue);
            }
            if (min != null && max != null && choices == null) {
                hint.append(hint.isEmpty() ? "" : "; ").append(min).append(" to ").append(max);
            }
            if (unit != null && !unit.isEmpty()) {
                hint.append(' ').append(unit);
            }
            return hint.toString();
        }
    }

    record ModelChoice(String name, String description, String parallelismMeaning, int maxParallelism,
            List<Field> options) {}

    record WorkloadChoice(String kind, String description, String tasksMeaning, List<Field> params,
            Map<String, String> refusals) {}

    List<ModelChoice> models() {
        return Arrays.stream(ExecutionModel.values())
                .map(model -> new ModelChoice(model.name(), model.description(), model.parallelismMeaning(),
                        limits.maxParallelism(model), model.options().stream().map(o -> option(model, o)).toList()))
                .toList();
    }

    List<WorkloadChoice> workloads() {
        return Workloads.ALL.stream()
                .map(kind -> new WorkloadChoice(kind.id(), kind.description(), kind.tasks().meaning(),
                        kind.params().stream().map(p -> param(kind, p)).toList(), refusals(kind)))
                .toList();
    }

    private static Map<String, String> refusals(WorkloadDefinition kind) {
        return kind.refusals().entrySet().stream().collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue,
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private Field option(ExecutionModel model, ModelOption option) {
        String input = ExperimentForm.optionInput(model, option.name());
        String id = "option-" + model.name() + "-" + option.name();
        return switch (option) {
            case ModelOption.Bool bool -> new Field(option.name(), input, id, option.name(), option.description(),
                    "boolean", null, Boolean.toString(bool.defaultValue()), null, null, List.of("true", "false"));
            case ModelOption.Int integer -> new Field(option.name(), input, id, option.name(), option.description(),
                    "integer", null, Integer.toString(integer.defaultValue()), (long) integer.min(),
                    (long) limits.maxOption(integer, Integer.MAX_VALUE), null);
        };
    }

    private Field param(WorkloadDefinition kind, Param param) {
        String input = ExperimentForm.paramInput(kind.id(), param.name());
        String id = "param-" + kind.id().replace('.', '-') + "-" + param.name();
        return switch (param) {
            case Param.Choice choice -> new Field(param.name(), input, id, param.name(), param.description(), "choice",
                    null, choice.defaultChoice(), null, null, choice.choices());
            case Param.Flag flag -> new Field(param.name(), input, id, param.name(), param.description(), "flag", null,
                    flag.defaultValue() ? "1" : "0", 0L, 1L, List.of("1", "0"));
            case Param.Int integer -> {
                long max = limits.maxParam(param);
                yield new Field(param.name(), input, id, param.name(), param.description(), "integer", integer.unit(),
                        Long.toString(Math.min(integer.defaultValue(), max)), integer.min(), max, null);
            }
        };
    }
}
