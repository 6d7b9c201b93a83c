package org.concurrencylab.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.ModelOption;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.experiment.LimitsProperties;
import org.concurrencylab.workload.Workloads;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What can be run: the models and the workloads, with the same bounds validation applies. */
@RestController
@RequestMapping(path = "/api/v1/catalog", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Catalog", description = "The execution models and workloads the lab offers.")
class CatalogController {

    private final LimitsProperties limits;

    CatalogController(LimitsProperties limits) {
        this.limits = limits;
    }

    record FieldEntry(String name, String description, String type, Object defaultValue, Integer min, Integer max) {}

    record ModelEntry(String name, String description, int maxParallelism, List<FieldEntry> fields) {}

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record ParamEntry(String name, String description, String type, String unit, Object defaultValue, Long min, Long max,
            List<String> choices) {}

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    record WorkloadEntry(String kind, String description, List<ParamEntry> params, List<String> models,
            Map<String, String> otherModels, String tasks, List<ObservationEntry> observations) {}

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record ObservationEntry(String name, String type, String unit, String aggregation, String description) {}

    @GetMapping("/models")
    @Operation(operationId = "listModels", summary = "List execution models", description = "Each model, what it is for, and its parallelism cap.")
    List<ModelEntry> models() {
        return Arrays.stream(ExecutionModel.values())
                .map(m -> new ModelEntry(m.name(), m.description(), limits.maxParallelism(m), fields(m)))
                .toList();
    }

    /** The spec fields a model reads beyond the common ones: parallelism with its bounds, then its own options. */
    private List<FieldEntry> fields(ExecutionModel model) {
        List<FieldEntry> fields = new ArrayList<>();
        int max = limits.maxParallelism(model);
        Integer defaultParallelism = switch (model) {
            case SEQUENTIAL, EVENT_LOOP -> 1;
            case VIRTUAL_THREADS -> 0;
            case THREADS, FUTURES, FORK_JOIN, GIL, PROCESSES -> null;
        };
        fields.add(new FieldEntry("parallelism", model.parallelismMeaning(), "integer", defaultParallelism,
                model.minParallelism(), max));
        for (ModelOption option : model.options()) {
            fields.add(switch (option) {
                case ModelOption.Bool bool -> new FieldEntry(bool.name(), bool.description(), "boolean",
                        bool.defaultValue(), null, null);
                case ModelOption.Int integer -> new FieldEntry(integer.name(), integer.description(), "integer",
                        integer.defaultValue(), integer.min(),
                        integer.atMostTasks() ? null : limits.maxOption(integer, Integer.MAX_VALUE));
            });
        }
        return fields;
    }

    @GetMapping("/workloads")
    @Operation(operationId = "listWorkloads", summary = "List workloads", description = "Each workload kind with its params (type, default, bounds), "
            + "the models it fits and the observations it reports. Validation uses the same declarations.")
    List<WorkloadEntry> workloads() {
        return Workloads.ALL.stream()
                .map(k -> new WorkloadEntry(k.id(), k.description(), k.params().stream().map(this::param).toList(),
                        k.models().stream().map(Enum::name).toList(), otherModels(k), k.tasks().meaning(),
                        k.metrics().stream().map(CatalogController::observation).toList()))
                .toList();
    }

    /** Why the models it does not fit are refused, one reason per model. */
    private static Map<String, String> otherModels(WorkloadDefinition kind) {
        Map<String, String> refused = new LinkedHashMap<>();
        kind.refusals().forEach((model, reason) -> refused.put(model.name(), reason));
        return refused;
    }

    private static ObservationEntry observation(Metric metric) {
        return new ObservationEntry(metric.name(), metric.type(), metric.unit().isEmpty() ? null : metric.unit(),
                metric.aggregation().name(), metric.description());
    }

    private ParamEntry param(Param p) {
        return switch (p) {
            case Param.Choice choice -> new ParamEntry(p.name(), p.description(), "choice", null,
                    choice.defaultChoice(), null, null, choice.choices());
            case Param.Flag flag -> new ParamEntry(p.name(), p.description(), "flag", null, flag.defaultValue() ? 1 : 0,
                    0L, 1L, null);
            case Param.Int integer -> {
                long max = limits.maxParam(p);
                yield new ParamEntry(p.name(), p.description(), "integer", integer.unit(),
                        Math.min(integer.defaultValue(), max), integer.min(), max, null);
            }
        };
    }
}
