package org.concurrencylab.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.experiment.ExperimentFilter;
import org.concurrencylab.experiment.ExperimentService;
import org.concurrencylab.experiment.ExperimentSpec;
import org.concurrencylab.experiment.ExperimentConflictException;
import org.concurrencylab.experiment.ExperimentStatus;
import org.concurrencylab.experiment.InvalidSpecException;
import org.concurrencylab.measure.RunResult;
import org.concurrencylab.measure.RunsCsv;
import org.concurrencylab.measure.TimelineChart;
import org.concurrencylab.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping(path = "/api/v1/experiments", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Experiments", description = "Submit, watch, list and cancel experiments.")
class ExperimentController {

    private final ExperimentService experiments;
    private final CurrentUser user;

    ExperimentController(ExperimentService experiments, CurrentUser user) {
        this.experiments = experiments;
        this.user = user;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "submitExperiment",
            summary = "Submit an experiment",
            description = "Validates the spec, stores it as QUEUED and answers 202 with a Location to poll. "
                    + "With waitSeconds > 0 the call waits up to that long and answers 200 if the experiment "
                    + "finished by then. 400 names every invalid field; 429 with Retry-After when the queue is full, the "
                    + "user already has lab.limits.per-user.queued experiments queued or running, or submits faster "
                    + "than lab.limits.per-user.submits-per-minute. Every answer carries RateLimit and "
                    + "RateLimit-Policy headers.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = ExperimentSpec.class),
            examples = {
                @ExampleObject(name = "threads", summary = "CPU-bound primes on 2 threads, with a sequential baseline",
                        value = """
                        {"name": "primes on 2 threads", "model": "THREADS", "parallelism": 2, "tasks": 8,
                         "workload": {"kind": "cpu.primes", "params": {"size": 200000}},
                         "warmups": 1, "repetitions": 3, "baseline": true, "timeLimitSeconds": 60}"""),
                @ExampleObject(name = "processes", summary = "The same kernel on 2 worker JVMs",
                        value = """
                        {"model": "PROCESSES", "parallelism": 2, "tasks": 8,
                         "workload": {"kind": "cpu.primes", "params": {"size": 200000}}, "baseline": true}"""),
                @ExampleObject(name = "io", summary = "IO-bound waits on 8 threads",
                        value = """
                        {"model": "THREADS", "parallelism": 8, "tasks": 16,
                         "workload": {"kind": "io.sleep", "params": {"millis": 50}}, "baseline": true}"""),
                @ExampleObject(name = "sequential", summary = "The baseline alone",
                        value = """
                        {"model": "SEQUENTIAL", "workload": {"kind": "cpu.primes"}}"""),
                @ExampleObject(name = "virtual-threads", summary = "10,000 waits of 100 ms on virtual threads, no cap",
                        value = """
                        {"model": "VIRTUAL_THREADS", "parallelism": 0, "tasks": 10000, "warmups": 0, "repetitions": 1,
                         "workload": {"kind": "io.sleep", "params": {"millis": 100}}}"""),
                @ExampleObject(name = "futures", summary = "CompletableFuture stages, 3 extra steps per task",
                        value = """
                        {"model": "FUTURES", "parallelism": 2, "stages": 3, "tasks": 8,
                         "workload": {"kind": "cpu.primes", "params": {"size": 200000}}, "baseline": true}"""),
                @ExampleObject(name = "fork-join", summary = "Fork/join splitting down to single tasks",
                        value = """
                        {"model": "FORK_JOIN", "parallelism": 2, "threshold": 1, "tasks": 16,
                         "workload": {"kind": "cpu.primes", "params": {"size": 100000}}, "baseline": true}"""),
                @ExampleObject(name = "gil-cpu", summary = "CPU-bound under an emulated GIL: no speedup",
                        value = """
                        {"model": "GIL", "parallelism": 2, "switchIntervalMillis": 5, "tasks": 8,
                         "workload": {"kind": "cpu.primes", "params": {"size": 200000}}, "baseline": true}"""),
                @ExampleObject(name = "gil-io", summary = "IO-bound under an emulated GIL: waits still overlap",
                        value = """
                        {"model": "GIL", "parallelism": 2, "tasks": 8,
                         "workload": {"kind": "io.sleep", "params": {"millis": 50}}, "baseline": true}"""),
                @ExampleObject(name = "event-loop", summary = "10,000 waits of 100 ms on one event-loop thread",
                        value = """
                        {"model": "EVENT_LOOP", "tasks": 10000, "warmups": 0, "repetitions": 1,
                         "workload": {"kind": "io.sleep", "params": {"millis": 100}}}"""),
                @ExampleObject(name = "event-loop-cpu", summary = "CPU-bound work on an event loop: no speedup",
                        value = """
                        {"model": "EVENT_LOOP", "tasks": 8, "baseline": true,
                         "workload": {"kind": "cpu.primes", "params": {"size": 200000}}}"""),
                @ExampleObject(name = "event-loop-blocking", summary = "One blocking call stalls every task on the loop",
                        value = """
                        {"model": "EVENT_LOOP", "tasks": 20, "slowCallbackMillis": 50,
                         "workload": {"kind": "io.sleep", "params": {"millis": 100, "blocking": 1}}}"""),
                @ExampleObject(name = "event-loop-mixed", summary = "Computing on the loop makes every callback late",
                        value = """
                        {"model": "EVENT_LOOP", "tasks": 8,
                         "workload": {"kind": "mixed", "params": {"cpuMillis": 50, "ioMillis": 20}}}"""),
                @ExampleObject(name = "lost-updates", summary = "A shared counter without a lock loses updates",
                        value = """
                        {"model": "THREADS", "parallelism": 2,
                         "workload": {"kind": "sync.counter", "params": {"increments": 5000000, "strategy": "none"}}}"""),
                @ExampleObject(name = "bounded-semaphore", summary = "A BoundedSemaphore catches an extra release",
                        value = """
                        {"model": "THREADS", "parallelism": 4,
                         "workload": {"kind": "sync.bounded", "params": {"permits": 2, "bounded": 1}}}"""),
                @ExampleObject(name = "plain-semaphore", summary = "A plain semaphore grows silently on an extra release",
                        value = """
                        {"model": "THREADS", "parallelism": 4,
                         "workload": {"kind": "sync.bounded", "params": {"permits": 2, "bounded": 0}}}"""),
                @ExampleObject(name = "queue", summary = "Producers and consumers over a bounded queue",
                        value = """
                        {"model": "THREADS", "parallelism": 4,
                         "workload": {"kind": "sync.queue", "params": {"producers": 2, "consumers": 2, "capacity": 16}}}"""),
                @ExampleObject(name = "deadlock", summary = "Two locks taken in opposite orders: detected and broken",
                        value = """
                        {"model": "THREADS", "parallelism": 2,
                         "workload": {"kind": "sync.deadlock", "params": {"order": "opposite"}}}"""),
                @ExampleObject(name = "http", summary = "IO-bound requests to a slow loopback service under the GIL",
                        value = """
                        {"model": "GIL", "parallelism": 2, "tasks": 8, "baseline": true,
                         "workload": {"kind": "io.http", "params": {"requests": 5, "delayMillis": 20}}}"""),
                @ExampleObject(name = "warm-pool", summary = "Worker JVMs reused across repetitions, 2 tasks per message",
                        value = """
                        {"model": "PROCESSES", "parallelism": 2, "reuseWorkers": true, "chunkSize": 2, "tasks": 8,
                         "workload": {"kind": "cpu.primes", "params": {"size": 200000}}, "baseline": true}"""),
                @ExampleObject(name = "shared-memory", summary = "Worker JVMs race on a counter in shared memory "
                        + "(multiprocessing.Value); lock or atomic keep it exact",
                        value = """
                        {"model": "PROCESSES", "parallelism": 2,
                         "workload": {"kind": "ipc.shared", "params": {"increments": 1000000, "strategy": "none"}}}"""),
                @ExampleObject(name = "process-queue", summary = "Producer and consumer JVMs through the server's "
                        + "queue (multiprocessing.Queue)",
                        value = """
                        {"model": "PROCESSES",
                         "workload": {"kind": "ipc.queue", "params": {"producers": 2, "consumers": 1, "items": 10000}}}"""),
                @ExampleObject(name = "manager", summary = "A counter the server holds, incremented by messages "
                        + "(multiprocessing.Manager)",
                        value = """
                        {"model": "PROCESSES", "parallelism": 2,
                         "workload": {"kind": "ipc.manager", "params": {"operations": 10000}}}""")
            }))
    @ApiResponse(responseCode = "202", description = "Queued; poll the Location.")
    @ApiResponse(responseCode = "200", description = "Finished within waitSeconds.")
    ResponseEntity<ExperimentResponse> submit(
            @Valid @RequestBody ExperimentSpec spec,
            @Parameter(description = "Wait up to this many seconds for the experiment to finish (0-60).")
            @RequestParam(defaultValue = "0") @Min(0) @Max(60) int waitSeconds) throws InterruptedException {
        Experiment submitted = experiments.submit(spec, user.get());
        Experiment current = waitSeconds > 0
                ? experiments.awaitFinished(submitted.id(), Duration.ofSeconds(waitSeconds))
                : submitted;
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .replaceQuery(null)
                .path("/{id}")
                .buildAndExpand(submitted.id())
                .toUri();
        HttpStatus status = current.status().isTerminal() ? HttpStatus.OK : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).location(location).body(ExperimentResponse.from(current));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getExperiment", summary = "Read an experiment", description = "Its status and, once finished, its result.")
    ExperimentResponse get(@PathVariable String id) {
        return ExperimentResponse.from(experiments.get(id, user.get()));
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

    @GetMapping
    @Operation(operationId = "listExperiments", summary = "List experiments", description = "Newest first, optionally "
            + "filtered, one page at a time, of what you may see: an admin everything; a teacher its own, its "
            + "students' and shared ones; a student its own and shared ones.")
    ExperimentListResponse list(
            @RequestParam(required = false) ExperimentStatus status,
            @RequestParam(required = false) ExecutionModel model,
            @Parameter(description = "A workload kind, e.g. cpu.primes.") @RequestParam(required = false) String workload,
            @Parameter(description = "A user's id: only that user's experiments (of those you may see).")
            @RequestParam(required = false) String owner,
            @Parameter(description = "Page number, from 0.") @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = "Items per page (1-100).") @RequestParam(defaultValue = "20") @Min(1) @Max(100)
            int size) {
        return ExperimentListResponse.from(experiments.list(new ExperimentFilter(status, model, workload, owner),
                user.get(), page, size));
    }

    @PostMapping("/{id}/cancel")
    @Operation(
            operationId = "cancelExperiment",
            summary = "Cancel an experiment",
            description = "A queued experiment is cancelled at once; a running one is stopped (threads interrupted, "
                    + "worker process trees destroyed) and the call waits up to 10 s for it to stop. 200 with the "
                    + "experiment once CANCELLED, 202 while it is still stopping, 409 if it had already finished.")
    ResponseEntity<ExperimentResponse> cancel(@PathVariable String id) throws InterruptedException {
        Experiment current = experiments.cancel(id, user.get());
        HttpStatus status = current.status().isTerminal() ? HttpStatus.OK : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).body(ExperimentResponse.from(current));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "shareExperiment", summary = "Share an experiment, or stop sharing it",
            description = "`{\"shared\": true}` lets every signed-in user read the experiment (a teacher's reference "
                    + "result); `false` takes that back. Only the owner, the owner's teacher and admins may; a user it "
                    + "is shared with gets 403.")
    ExperimentResponse share(@PathVariable String id, @Valid @RequestBody ShareRequest request) {
        return ExperimentResponse.from(experiments.share(id, request.shared(), user.get()));
    }
}
