package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.concurrencylab.support.SseStream;
import org.junit.jupiter.api.Test;

class StudyEventsTest extends LabServerTest {

    private static final Duration FINISH = Duration.ofSeconds(90);

    @Test
    void aStudyStreamsItsStateThenEachCellsProgressThenTheFinalStateAndEnds() {
        // The study waits behind a running experiment until the stream is open, so the whole story is seen.
        String blocker = api.submit("""
                {"model": "SEQUENTIAL", "tasks": 1, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 120}""");
        api.awaitStatus(blocker, "RUNNING", FINISH);
        String id = submitStudy(300);
        List<SseStream.Event> events;
        try (SseStream stream = SseStream.open(port, "/api/v1/studies/" + id + "/events")) {
            await().atMost(FINISH).until(() -> !stream.events().isEmpty());
            api.post("/api/v1/experiments/" + blocker + "/cancel", "");
            stream.awaitEnd(FINISH);
            events = stream.events();
            stream.assertIdsGrow();
        }

        assertThat(events).as(events.toString()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(events.getFirst().name()).isEqualTo("status");
        assertThat(events.getFirst().json().get("id").asString()).isEqualTo(id);
        SseStream.Event last = events.getLast();
        assertThat(last.name()).isEqualTo("status");
        assertThat(last.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(last.json().get("table")).hasSize(2);

        List<SseStream.Event> progress = events.stream().filter(e -> e.name().equals("progress")).toList();
        assertThat(progress).isNotEmpty();
        SseStream.Event lastProgress = progress.getLast();
        assertThat(lastProgress.json().get("done").asInt()).isEqualTo(2);
        assertThat(lastProgress.json().get("total").asInt()).isEqualTo(2);
        assertThat(lastProgress.json().get("model").asString()).isEqualTo("THREADS");
        assertThat(lastProgress.json().get("medianWallMillis").asDouble()).isGreaterThanOrEqualTo(300);
        // done counts up by one per cell and statuses never repeat: each event is news.
        assertThat(progress.stream().map(e -> e.json().get("done").asInt()).toList()).isSorted().doesNotHaveDuplicates();
        // Every repetition of every cell (1 baseline + 1 measured run each) is reported, with its wall time.
        List<SseStream.Event> repetitions = events.stream().filter(e -> e.name().equals("repetition")).toList();
        assertThat(repetitions).hasSize(2 * 2);
        assertThat(repetitions).allSatisfy(r -> {
            assertThat(r.json().get("total").asInt()).isEqualTo(2);
            assertThat(r.json().get("wallMillis").asDouble()).isGreaterThanOrEqualTo(300);
        });
        List<String> statuses = events.stream().filter(e -> e.name().equals("status"))
                .map(e -> e.json().get("status").asString()).toList();
        assertThat(statuses).containsExactly("QUEUED", "RUNNING", "SUCCEEDED");
        assertThat(progress).hasSize(2);
    }

    @Test
    void aLateSubscriberToAFinishedStudyGetsOneStatusAndTheStreamEnds() {
        String id = submitStudy(1);
        await().atMost(FINISH)
                .until(() -> api.get("/api/v1/studies/" + id).json().get("status").asString().equals("SUCCEEDED"));
        try (SseStream stream = SseStream.open(port, "/api/v1/studies/" + id + "/events")) {
            stream.awaitEnd(Duration.ofSeconds(10));
            assertThat(stream.events()).hasSize(1);
            assertThat(stream.events().getFirst().json().get("status").asString()).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void anUnknownStudyIsA404ProblemNotAStream() {
        Response missing = api.get("/api/v1/studies/no-such-study/events");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    private String submitStudy(int sleepMillis) {
        return api.post("/api/v1/studies", """
                {"name": "sleep", "workload": {"kind": "io.sleep", "params": {"millis": %d}},
                 "models": ["THREADS"], "parallelism": [1, 2], "tasks": 2, "warmups": 0, "repetitions": 1,
                 "timeLimitSeconds": 60}""".formatted(sleepMillis)).json().get("id").asString();
    }
}
