package org.concurrencylab.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Schema;
import org.concurrencylab.execution.WorkerLauncher;
import org.concurrencylab.experiment.ExperimentService;
import org.concurrencylab.experiment.LimitsProperties;
import org.concurrencylab.measure.Environment;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The machine experiments run on, and how busy this node is. */
@RestController
@RequestMapping(path = "/api/v1/system", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "System", description = "The environment results are measured in, the queue, and the limits.")
class SystemController {

    private final ExperimentService experiments;
    private final LimitsProperties limits;
    private final WorkerLauncher workers;

    SystemController(ExperimentService experiments, LimitsProperties limits, WorkerLauncher workers) {
        this.experiments = experiments;
        this.limits = limits;
        this.workers = workers;
    }

    record SystemResponse(Environment environment, long queued, int runningOnThisNode, Workers workers,
            LimitsProperties limits) {}

    /**
     * The worker JVMs of this node.
     *
     * @param live worker JVMs alive now (a warm pool keeps its workers between repetitions)
     * @param aotCache whether new workers start from the JDK AOT cache the node builds in the
     *     background at start-up: while it is {@code building}, PROCESSES start-up times are higher
     */
    record Workers(int live,
            @Schema(example = "ready", description = "ready, building, failed: <why>, disabled, or unavailable on JDK < 24")
            String aotCache) {}

    @GetMapping
    @Operation(operationId = "describeSystem", summary = "Describe this node", description = "Cores, JVM, OS and load now; queue depth; worker JVMs "
            + "and whether they start from the AOT cache yet; the limits in force.")
    SystemResponse system() {
        return new SystemResponse(Environment.capture(experiments.nodeId()), experiments.queued(),
                experiments.runningHere(), new Workers(workers.liveWorkers(), workers.aotCacheStatus()), limits);
    }
}
