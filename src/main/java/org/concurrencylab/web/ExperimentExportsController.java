package org.concurrencylab.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.experiment.ExperimentConflictException;
import org.concurrencylab.experiment.ExperimentService;
import org.concurrencylab.experiment.InvalidSpecException;
import org.concurrencylab.measure.JmhJson;
import org.concurrencylab.measure.RunResult;
import org.concurrencylab.measure.RunsCsv;
import org.concurrencylab.measure.TimelineChart;
import org.concurrencylab.security.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A finished experiment's runs in the forms other tools read: CSV, an SVG timeline, JMH's JSON. */
@RestController
@RequestMapping("/api/v1/experiments")
@Tag(name = "Experiments", description = "Submit, watch, list, cancel, export and delete experiments.")
class ExperimentExportsController {

    private final ExperimentService experiments;
    private final CurrentUser user;

    ExperimentExportsController(ExperimentService experiments, CurrentUser user) {
        this.experiments = experiments;
        this.user = user;
    }

    @GetMapping(path = "/{id}/runs.csv", produces = "text/csv")
    @Operation(operationId = "getExperimentRunsCsv", summary = "An experiment's runs as CSV",
            description = "RFC 4180: a header row, then one row per run (warm-ups and baseline runs included, "
                    + "flagged) in the order they ran. 409 while the experiment is QUEUED or RUNNING (no results "
                    + "yet); a finished experiment that stopped before any run completed gives the header alone.")
    @ApiResponse(responseCode = "200", description = "The runs, one CSV row each.",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "409", description = "Not finished yet: no results to export.")
    ResponseEntity<String> runsCsv(@PathVariable String id) {
        Experiment experiment = experiments.get(id, user.get());
        if (!experiment.status().isTerminal()) {
            throw ExperimentConflictException.noResultsYet(id, experiment.status());
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header("Content-Disposition", "inline; filename=\"experiment-" + id + "-runs.csv\"")
                .body(RunsCsv.render(experiment.result()));
    }

    @GetMapping(path = "/{id}/timeline.svg", produces = "image/svg+xml")
    @Operation(operationId = "getExperimentTimeline", summary = "A run's tasks in time as SVG",
            description = "One lane per task running at once (lanes assigned from the task times), each task a bar "
                    + "from its start to its end, so overlap, idle gaps and serialisation show. By default the last "
                    + "measured run of the model (not a warm-up, not the baseline); run=N picks the run with that "
                    + "index. Runs of more than 2,000 tasks record no timeline and the SVG says so. 409 while the "
                    + "experiment has no results, 400 for a run index it does not have.")
    @ApiResponse(responseCode = "200", description = "The run's timeline as an SVG image.",
            content = @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "409", description = "No results yet.")
    ResponseEntity<String> timeline(@PathVariable String id,
            @Parameter(description = "The run's index, as in the result's runs; default the last measured model run.")
            @RequestParam(required = false) Integer run) {
        Experiment experiment = experiments.get(id, user.get());
        if (!experiment.status().isTerminal() || experiment.result() == null) {
            throw ExperimentConflictException.noResultsYet(id, experiment.status());
        }
        var runs = experiment.result().runs();
        RunResult chosen;
        if (run == null) {
            chosen = TimelineChart.defaultRun(runs)
                    .orElseThrow(() -> ExperimentConflictException.noRunsToDraw(id, experiment.status()));
        } else {
            chosen = runs.stream().filter(r -> r.index() == run).findFirst()
                    .orElseThrow(() -> InvalidSpecException.of("run", "must be the index of one of the experiment's "
                            + runs.size() + " runs (0 to " + (runs.size() - 1) + "), was " + run));
        }
        String heading = "Experiment " + id + " (" + experiment.spec().workload().kind() + ")";
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("image/svg+xml;charset=UTF-8"))
                .body(TimelineChart.render(heading, chosen));
    }

    @GetMapping(path = "/{id}/jmh.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getExperimentJmhJson", summary = "An experiment's runs in JMH's JSON result format",
            description = "What JMH 1.37 writes with `-rf json`, so JMH Visualizer (jmh.morethan.io) and other JMH "
                    + "tooling open lab results as they are: an array with one benchmark for the model and, with a "
                    + "baseline, one for the SEQUENTIAL baseline. `benchmark` is `org.concurrencylab.<workload kind>`; "
                    + "`params` hold the model, parallelism, tasks, the workload's params and the model's options; "
                    + "each measured run is one iteration of one fork (`rawData`), warm-ups counted in "
                    + "`warmupIterations`; `primaryMetric` has JMH's `score`, `scoreError` (99.9% Student t), "
                    + "`scoreConfidence` and percentiles. `mode`: `ss` (single shot, ms per run, the default), "
                    + "`avgt` (ms per task) or `thrpt` (tasks per second). The JVM fields describe the JVM that measured "
                    + "it (`jvm` is `java`: its path is not kept). A partial result exports the runs it kept. 409 "
                    + "while the experiment has not finished, or when no measured run finished.")
    @ApiResponse(responseCode = "200", description = "JMH's JSON: an array of benchmark results.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    array = @ArraySchema(schema = @Schema(implementation = JmhJson.Result.class))))
    @ApiResponse(responseCode = "409", description = "Not finished yet, or no measured run finished.")
    List<JmhJson.Result> jmh(@PathVariable String id,
            @Parameter(description = "JMH's benchmark mode: ss (single shot, default), avgt or thrpt.")
            @RequestParam(defaultValue = "ss") String mode) {
        JmhJson.Mode chosen = JmhJson.Mode.ofLabel(mode).orElseThrow(() -> InvalidSpecException.of("mode",
                "must be one of ss (single shot: ms per run), avgt (ms per task) or thrpt (tasks per second), was '"
                        + mode + "'"));
        Experiment experiment = experiments.get(id, user.get());
        if (!experiment.status().isTerminal()) {
            throw ExperimentConflictException.noResultsYet(id, experiment.status());
        }
        return JmhExport.of(experiment, chosen)
                .orElseThrow(() -> ExperimentConflictException.noMeasuredRuns(id, experiment.status()));
    }
}
