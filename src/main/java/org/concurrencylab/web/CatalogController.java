package org.concurrencylab.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import org.concurrencylab.execution.ExecutionModel;
import org.concurrencylab.experiment.LimitsProperties;
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

    record ModelEntry(String name, String description, int maxParallelism) {}

    record ParamEntry(String name, String description, String type, String unit, long defaultValue, long min, long max) {}

    record WorkloadEntry(String kind, String description, List<ParamEntry> params, List<ExecutionModel> models) {}

    @GetMapping("/models")
    @Operation(summary = "List execution models", description = "Each model, what it is for, and its parallelism cap.")
    List<ModelEntry> models() {
        return Arrays.stream(ExecutionModel.values())
                .map(m -> new ModelEntry(m.name(), m.description(), limits.parallelism().maxFor(m)))
                .toList();
    }

    @GetMapping("/workloads")
    @Operation(summary = "List workloads", description = "Each workload kind with its params (type, default, bounds) "
            + "and the models it fits. Validation uses the same declarations.")
    List<WorkloadEntry> workloads() {
        return Arrays.stream(WorkloadKind.values())
                .map(k -> new WorkloadEntry(k.id(), k.description(), k.params().stream().map(this::param).toList(),
                        List.of(ExecutionModel.values())))
                .toList();
    }

    private ParamEntry param(ParamSpec p) {
        long max = Math.min(p.max(), limits.params().getOrDefault(p.name(), p.max()));
        return new ParamEntry(p.name(), p.description(), "integer", p.unit(), Math.min(p.defaultValue(), max), p.min(), max);
    }
}
