package org.concurrencylab.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import org.concurrencylab.execution.ExecutionModel;
import org.concurrencylab.experiment.LimitsProperties;
import org.concurrencylab.experiment.ModelOption;
import org.concurrencylab.workload.ParamSpec;
import org.concurrencylab.workload.WorkloadKind;
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
            String otherModels, String tasks, List<String> observations) {}

    @GetMapping("/models")
    @Operation(summary = "List execution models", description = "Each model, what it is for, and its parallelism cap.")
    List<ModelEntry> models() {
        return Arrays.stream(ExecutionModel.values())
                .map(m -> new ModelEntry(m.name(), m.description(), limits.parallelism().maxFor(m), fields(m)))
                .toList();
    }

    /** The spec fields a model reads beyond the common ones: parallelism with its bounds, then its own options. */
    private List<FieldEntry> fields(ExecutionModel model) {
        List<FieldEntry> fields = new java.util.ArrayList<>();
        int max = limits.parallelism().maxFor(model);
        fields.add(switch (model) {
            case SEQUENTIAL -> new FieldEntry("parallelism", "always 1", "integer", 1, 1, 1);
            case VIRTUAL_THREADS -> new FieldEntry("parallelism", "most tasks running at once; 0 for no cap",
                    "integer", 0, 0, max);
            case THREADS, FUTURES, FORK_JOIN, GIL -> new FieldEntry("parallelism", "threads in the pool; default: the "
                    + "cores the server sees", "integer", null, 1, max);
            case PROCESSES -> new FieldEntry("parallelism", "worker JVMs; default: the cores the server sees",
                    "integer", null, 1, max);
        });
        for (ModelOption option : ModelOption.of(model)) {
            fields.add(option.isBoolean()
                    ? new FieldEntry(option.field(), option.description(), "boolean", option.defaultValue() == 1, null, null)
                    : new FieldEntry(option.field(), option.description(), "integer", option.defaultValue(), option.min(),
                            option == ModelOption.THRESHOLD ? null : option.max(limits)));
        }
        return fields;
    }

    @GetMapping("/workloads")
    @Operation(summary = "List workloads", description = "Each workload kind with its params (type, default, bounds) "
            + "and the models it fits. Validation uses the same declarations.")
    List<WorkloadEntry> workloads() {
        return Arrays.stream(WorkloadKind.values())
                .map(k -> new WorkloadEntry(k.id(), k.description(), k.params().stream().map(this::param).toList(),
                        k.fit().models(), k.fit().refusal(), tasks(k), k.observationNames()))
                .toList();
    }

    /** What `tasks` means for a kind, in the words a spec writer needs. */
    private static String tasks(WorkloadKind kind) {
        return switch (kind.workers()) {
            case WorkloadKind.Workers.Independent independent -> "independent tasks: any number, default 8";
            case WorkloadKind.Workers.OnePerTask onePerTask -> "one worker per task; default: as many as parallelism";
            case WorkloadKind.Workers.Fixed fixed -> "exactly " + fixed.who() + " workers, all running at once "
                    + "(tasks and parallelism default to that number)";
        };
    }

    private ParamEntry param(ParamSpec p) {
        if (p.isChoice()) {
            return new ParamEntry(p.name(), p.description(), "choice", null, p.choiceName(p.defaultValue()), null, null,
                    p.choices());
        }
        long max = Math.min(p.max(), limits.params().getOrDefault(p.name(), p.max()));
        return new ParamEntry(p.name(), p.description(), "integer", p.unit(), Math.min(p.defaultValue(), max), p.min(),
                max, null);
    }
}
