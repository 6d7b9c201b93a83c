package org.concurrencylab.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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

    SystemController(ExperimentService experiments, LimitsProperties limits) {
        this.experiments = experiments;
        this.limits = limits;
    }

    record SystemResponse(Environment environment, long queued, int runningOnThisNode, LimitsProperties limits) {}

    @GetMapping
    @Operation(summary = "Describe this node", description = "Cores, JVM, OS and load now; queue depth; the limits in force.")
    SystemResponse system() {
        return new SystemResponse(Environment.capture(experiments.nodeId()), experiments.queued(),
                experiments.runningHere(), limits);
    }
}
