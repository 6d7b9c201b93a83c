package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.concurrencylab.support.SseStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Live progress over Server-Sent Events, read line by line from a real HTTP stream. */
class ExperimentEventsTest extends LabServerTest {

    private static final Duration FINISH = Duration.ofSeconds(60);

    private final List<SseStream> streams = new ArrayList<>();

    @AfterEach
    void closeStreams() {
        streams.forEach(SseStream::close);
    }

    @Test
    void aRunningExperimentStreamsItsStatusThenEveryRepetitionInOrderThenItsResultAndEnds() {
        // 1 warm-up + 2 measured repetitions of 800 ms each: time to subscribe before the first ends.
        String id = api.submit("""
                {"model": "THREADS", "parallelism": 2, "tasks": 2, "warmups": 1, "repetitions": 2,
                 "workload": {"kind": "io.sleep", "params": {"millis": 800}}, "timeLimitSeconds": 60}""");
        api.awaitStatus(id, "RUNNING", FINISH);

        SseStream stream = open(id);
        stream.awaitEnd(FINISH);

        List<SseStream.Event> events = stream.events();
        assertThat(events).as(events.toString()).hasSize(1 + 3 + 1);
        SseStream.Event snapshot = events.getFirst();
        assertThat(snapshot.name()).isEqualTo("status");
        assertThat(snapshot.json().get("id").asString()).isEqualTo(id);
        assertThat(snapshot.json().get("status").asString()).isEqualTo("RUNNING");
        assertThat(snapshot.json().get("model").asString()).isEqualTo("THREADS");

        List<SseStream.Event> progress = events.subList(1, 4);
        for (int i = 0; i < progress.size(); i++) {
            SseStream.Event event = progress.get(i);
            assertThat(event.name()).isEqualTo("progress");
            JsonNode data = event.json();
            assertThat(data.get("done").asInt()).isEqualTo(i + 1);
            assertThat(data.get("total").asInt()).isEqualTo(3);
            assertThat(data.get("warmup").asBoolean()).isEqualTo(i == 0);
            assertThat(data.get("baseline").asBoolean()).isFalse();
            assertThat(data.get("model").asString()).isEqualTo("THREADS");
            assertThat(data.get("wallMillis").asDouble()).isGreaterThanOrEqualTo(800);
        }

        SseStream.Event last = events.getLast();
        assertThat(last.name()).isEqualTo("status");
        assertThat(last.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(last.json().at("/result/runs")).hasSize(3);
        assertThat(last.json().at("/result/summary/checksum").asLong()).isEqualTo(1 + 2);

        stream.assertIdsGrow();
    }

    @Test
    void aSubscriberFromSubmissionSeesQueuedOrRunningThenTheSameOrderedStory() {
        String id = api.submit("""
                {"model": "SEQUENTIAL", "tasks": 1, "warmups": 0, "repetitions": 2,
                 "workload": {"kind": "io.sleep", "params": {"millis": 300}}}""");
        SseStream stream = open(id);
        stream.awaitEnd(FINISH);

        List<String> story = stream.events().stream()
                .map(e -> e.name() + (e.name().equals("status") ? ":" + e.json().get("status").asString()
                        : ":" + e.json().get("done").asInt()))
                .toList();
        // Whatever state the snapshot caught, the rest follows in order and nothing repeats.
        assertThat(story).as(story.toString()).isIn(
                List.of("status:QUEUED", "status:RUNNING", "progress:1", "progress:2", "status:SUCCEEDED"),
                List.of("status:RUNNING", "progress:1", "progress:2", "status:SUCCEEDED"),
                List.of("status:RUNNING", "progress:2", "status:SUCCEEDED"),
                List.of("status:RUNNING", "status:SUCCEEDED"),
                List.of("status:SUCCEEDED"));
    }

    @Test
    void aLateSubscriberToAFinishedExperimentGetsOneStatusEventAndTheStreamEnds() {
        String id = api.submit("""
                {"model": "SEQUENTIAL", "tasks": 1, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 1}}}""");
        api.awaitStatus(id, "SUCCEEDED", FINISH);

        SseStream stream = open(id);
        stream.awaitEnd(Duration.ofSeconds(10));

        assertThat(stream.events()).hasSize(1);
        SseStream.Event only = stream.events().getFirst();
        assertThat(only.name()).isEqualTo("status");
        assertThat(only.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(only.json().at("/result/runs")).hasSize(1);
        assertThat(only.json()).isEqualTo(api.experiment(id));
    }

    @Test
    void cancellingARunningExperimentEndsItsStreamWithACancelledStatus() {
        String id = api.submit("""
                {"model": "THREADS", "parallelism": 2, "tasks": 2, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 60}""");
        api.awaitStatus(id, "RUNNING", FINISH);
        SseStream stream = open(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events().isEmpty());

        assertThat(api.post("/api/v1/experiments/" + id + "/cancel", "").status()).isEqualTo(200);
        stream.awaitEnd(Duration.ofSeconds(20));

        List<SseStream.Event> events = stream.events();
        assertThat(events.getFirst().json().get("status").asString()).isEqualTo("RUNNING");
        SseStream.Event last = events.getLast();
        assertThat(last.name()).isEqualTo("status");
        assertThat(last.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(last.json().get("statusReason").asString()).contains("cancelled");
    }

    @Test
    void anUnknownIdIsA404ProblemNotAStream() {
        Response response = api.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/experiments/no-such-id/events"))
                .header("Accept", "text/event-stream")
                .GET().build());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(404);
        assertThat(response.json().get("detail").asString()).contains("no-such-id");
    }

    private SseStream open(String id) {
        SseStream stream = SseStream.open(port, "/api/v1/experiments/" + id + "/events");
        streams.add(stream);
        return stream;
    }
}
