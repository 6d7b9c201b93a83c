package org.concurrencylab.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.concurrencylab.security.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Live progress of one experiment as Server-Sent Events. */
@RestController
@RequestMapping("/api/v1/experiments")
@Tag(name = "Experiments", description = "Submit, watch, list, cancel, export and delete experiments.")
class ExperimentEventsController {

    private final ExperimentStreams streams;
    private final CurrentUser user;

    ExperimentEventsController(ExperimentStreams streams, CurrentUser user) {
        this.streams = streams;
        this.user = user;
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            operationId = "followExperiment",
            summary = "Follow an experiment live (Server-Sent Events)",
            description = """
                    A `text/event-stream` of what happens to the experiment, in order:

                    1. `status`: the experiment as it stands now (the same JSON as `GET /api/v1/experiments/{id}`).
                    2. `status` on every later status change (QUEUED to RUNNING, and the final status), with the \
                    experiment as it then stands.
                    3. `progress` after every finished repetition (warm-ups and baseline runs included): \
                    `{"done": 3, "total": 8, "warmup": false, "baseline": false, "model": "THREADS", \
                    "wallMillis": 41.2}`.

                    After the `status` event with a final status (SUCCEEDED, FAILED, CANCELLED, TIMED_OUT; its \
                    experiment carries the result) the server ends the stream. An experiment that has already \
                    finished gives that one event and the stream ends at once. An experiment deleted meanwhile ends \
                    it with a `deleted` event: `{"id": "...", "deleted": true}`.

                    Every event has an `id`, a sequence number per experiment that grows with every event this \
                    node publishes for it, so the order is visible; the first event's id says how many came \
                    before it. A stream stays open at most 30 s longer than the experiment's time limit; a client \
                    that reconnects then starts again with the current state. Progress is published by the node \
                    that runs the experiment: subscribe through that node (its `nodeId`) to see it.

                    404 (problem+json, no stream) for an unknown id or an experiment you may not see; 429 with Retry-After when this node \
                    already serves its maximum of open streams (`lab.streams.max-open`, 1000 by default).""")
    @ApiResponse(responseCode = "200", description = "The event stream.", content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
            schema = @Schema(type = "string"),
            examples = @ExampleObject(name = "running", value = """
                    id:0
                    event:status
                    data:{"id":"5f0c...","status":"RUNNING", ...}

                    id:1
                    event:progress
                    data:{"done":1,"total":2,"warmup":true,"baseline":false,"model":"THREADS","wallMillis":12.5}

                    id:2
                    event:progress
                    data:{"done":2,"total":2,"warmup":false,"baseline":false,"model":"THREADS","wallMillis":11.9}

                    id:3
                    event:status
                    data:{"id":"5f0c...","status":"SUCCEEDED", ..., "result":{...}}
                    """)))
    SseEmitter events(@PathVariable String id) {
        return streams.subscribe(id, user.get());
    }
}
