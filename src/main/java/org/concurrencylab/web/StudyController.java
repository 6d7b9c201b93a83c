package org.concurrencylab.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.concurrencylab.security.CurrentUser;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.study.StudyFilter;
import org.concurrencylab.study.StudyPage;
import org.concurrencylab.study.StudyReport;
import org.concurrencylab.study.StudyService;
import org.concurrencylab.study.StudySpec;
import org.concurrencylab.study.StudyStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping(path = "/api/v1/studies")
@Tag(name = "Studies", description = "One workload over several models and parallelism values: a scaling table, "
        + "CSV and a chart.")
class StudyController {

    private final StudyService studies;
    private final StudyStreams streams;
    private final CurrentUser user;

    StudyController(StudyService studies, StudyStreams streams, CurrentUser user) {
        this.studies = studies;
        this.streams = streams;
        this.user = user;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "submitStudy", summary = "Submit a study",
            description = "Queues one experiment per (model, parallelism, swept values), each with baseline: true, "
                    + "so every speedup is against a SEQUENTIAL baseline run inside that same experiment; SEQUENTIAL "
                    + "itself gets one cell. Every cell is validated before anything is stored: 400 names the fields "
                    + "(models[i], parallelism[j], sweep.<param>, timeLimitSeconds when a cell's waits alone cannot fit "
                    + "it, ...). 429 with Retry-After, storing nothing, when the cells would not fit in the queue or "
                    + "in the user's quota (lab.limits.per-user.queued; a study counts its cells), its detail naming "
                    + "the cells needed and the room there was, or past the submit rate; every answer carries "
                    + "RateLimit and RateLimit-Policy headers.")
    @ApiResponse(responseCode = "202", description = "Queued, every cell; poll the Location or follow its events.")
    ResponseEntity<StudyReport> submit(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            examples = @ExampleObject(name = "primes-scaling", summary = "Primes on three models, parallelism 1 to 4",
                    value = """
                            {"name": "primes scaling", "workload": {"kind": "cpu.primes", "params": {"size": 20000}},
                             "models": ["SEQUENTIAL", "THREADS", "GIL"], "parallelism": [1, 2, 3, 4], "tasks": 8,
                             "warmups": 1, "repetitions": 3}""")))
            @Valid @RequestBody StudySpec spec) {
        StudyReport study = studies.submit(spec, user.get());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .replaceQuery(null).path("/{id}").buildAndExpand(study.id()).toUri();
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(location).body(study);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listStudies", summary = "List studies", description = "Newest first, optionally filtered, one page at a time, as "
            + "experiments are listed, of what you may see: an admin everything; a teacher its own, its students' and "
            + "shared ones; a student its own and shared ones. Each item has the study's derived status and progress; its table and fits "
            + "are at GET /api/v1/studies/{id}.")
    StudyPage list(
            @RequestParam(required = false) StudyStatus status,
            @Parameter(description = "Studies with this model among theirs.") @RequestParam(required = false)
            ExecutionModel model,
            @Parameter(description = "A workload kind, e.g. cpu.primes.") @RequestParam(required = false) String workload,
            @Parameter(description = "A user's id: only that user's studies (of those you may see).")
            @RequestParam(required = false) String owner,
            @Parameter(description = "Page number, from 0.") @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = "Items per page (1-100).") @RequestParam(defaultValue = "20") @Min(1) @Max(100)
            int size) {
        return studies.list(new StudyFilter(status, model, workload, owner), user.get(), page, size);
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getStudy", summary = "Read a study", description = "Status derived from the cells, progress, the table "
            + "copied from each cell experiment's result.summary, and per model measured at 3 or more parallelism "
            + "values the fitted laws (fits: Amdahl's serial fraction, the USL's sigma, kappa and peak) and their "
            + "interpretation.")
    StudyReport get(@PathVariable String id) {
        return studies.get(id, user.get());
    }

    @GetMapping(path = "/{id}/results.csv", produces = "text/csv")
    @Operation(operationId = "getStudyCsv", summary = "The study table as CSV", description = "RFC 4180: header row, one row per cell; a column "
            + "per swept param after parallelism; the model's fitted laws repeated on each of its rows.")
    ResponseEntity<String> csv(@PathVariable String id) {
        String csv = studies.csv(id, user.get());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header("Content-Disposition", "inline; filename=\"study-" + id + ".csv\"")
                .body(csv);
    }

    @GetMapping(path = "/{id}/chart.svg", produces = "image/svg+xml")
    @Operation(operationId = "getStudyChart", summary = "The study as an SVG chart",
            description = "Speedup versus parallelism: measured points with 95% error bars, a line per model, the "
                    + "fitted Amdahl and USL curves, the ideal line. With a sweep: speedup versus the swept value, a "
                    + "line per model and parallelism; with two swept params, a heatmap per model and parallelism.")
    ResponseEntity<String> chart(@PathVariable String id) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("image/svg+xml;charset=UTF-8"))
                .body(studies.chart(id, user.get()));
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(operationId = "followStudy", summary = "Follow a study live (Server-Sent Events)",
            description = """
                    A `text/event-stream` of what happens to the study, in order:

                    1. `status`: the study as it stands now (the same JSON as `GET /api/v1/studies/{id}`).
                    2. `status` when its status changes (QUEUED to RUNNING when its first cell starts, and the \
                    final status), with the study as it then stands.
                    3. `progress` whenever one of its cells finishes: `{"done": 2, "total": 9, "experimentId": \
                    "...", "status": "SUCCEEDED", "model": "THREADS", "parallelism": 2, "medianWallMillis": 41.2, \
                    "speedup": 1.7}`.
                    4. `repetition` after every finished repetition of a cell (warm-ups and baseline runs \
                    included): `{"experimentId": "...", "done": 3, "total": 8, "warmup": false, "baseline": false, \
                    "model": "THREADS", "wallMillis": 41.2}`, `done` and `total` counting that cell's runs.

                    After the final `status` the server ends the stream; a finished study gives that one event and \
                    ends at once. A study deleted meanwhile ends it with a `deleted` event: \
                    `{"id": "...", "deleted": true}`. Every event has an `id` that grows with every event for the \
                    study, so the order is visible. A stream stays open at most 30 minutes; reconnecting starts again with the current \
                    state. Progress is published by the node that runs the cells.

                    404 (problem+json, no stream) for an unknown id or a study you may not see; 429 with Retry-After when this node already \
                    serves its maximum of open streams (`lab.streams.max-open`, shared with experiment streams).""")
    SseEmitter events(@PathVariable String id) {
        return streams.subscribe(id, user.get());
    }

    @PostMapping(path = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "cancelStudy", summary = "Cancel a study", description = "Cancels its queued and running cells; finished cells "
            + "keep their results.")
    StudyReport cancel(@PathVariable String id) {
        return studies.cancel(id, user.get());
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "deleteStudy", summary = "Delete a study with its cells",
            description = "Removes the study and every cell experiment with their results; cells still queued or "
                    + "running are cancelled first (waiting up to 10 s for each to stop). 204, and from then on 404 "
                    + "for the study and each cell. Only the owner, the owner's teacher and admins may: a user it is "
                    + "shared with gets 403, anyone else 404. A cell still stopping on another node after the wait is "
                    + "a 409: delete again.")
    @ApiResponse(responseCode = "204", description = "Deleted, with its cells.")
    @ApiResponse(responseCode = "409", description = "A cell is still stopping.")
    ResponseEntity<Void> delete(@PathVariable String id) {
        studies.delete(id, user.get());
        return ResponseEntity.noContent().build();
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "shareStudy", summary = "Share a study, or stop sharing it",
            description = "`{\"shared\": true}` lets every signed-in user read the study and its cells (a teacher's "
                    + "reference result); `false` takes that back. Only the owner, the owner's teacher and admins may; "
                    + "a user it is shared with gets 403.")
    StudyReport share(@PathVariable String id, @Valid @RequestBody ShareRequest request) {
        return studies.share(id, request.shared(), user.get());
    }
}
