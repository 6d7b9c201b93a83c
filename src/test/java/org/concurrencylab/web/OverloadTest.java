package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.concurrencylab.support.SseStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A full queue, or a node serving all the event streams it may, refuses politely: 429, problem+json, and when to come back. */
@TestPropertySource(properties = {"lab.limits.queue-capacity=2", "lab.limits.retry-after=7s",
        "lab.streams.max-open=2", "lab.streams.retry-after=5s"})
class OverloadTest extends LabServerTest {

    private static final String LONG_WAIT = """
            {"model": "THREADS", "parallelism": 1, "tasks": 1, "warmups": 0, "repetitions": 1,
             "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 120}""";

    @Test
    void submissionsBeyondTheQueueCapacityAre429WithRetryAfter() {
        String running = api.submit(LONG_WAIT);
        api.awaitStatus(running, "RUNNING", Duration.ofSeconds(30));
        api.submit(LONG_WAIT);
        api.submit(LONG_WAIT);

        Response refused = api.post("/api/v1/experiments", LONG_WAIT);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("7");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("capacity");
        assertThat(api.get("/api/v1/experiments?status=QUEUED").json().get("totalItems").asLong()).isEqualTo(2);
    }

    @Test
    void aStudyWhoseCellsWouldOverflowTheQueueIsRefusedWholeWith429() {
        long before = api.get("/api/v1/experiments").json().get("totalItems").asLong();

        Response refused = api.post("/api/v1/studies", """
                {"workload": {"kind": "io.sleep", "params": {"millis": 1}}, "models": ["THREADS"],
                 "parallelism": [1, 2, 4], "warmups": 0, "repetitions": 1}""");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("7");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        // The numbers a user needs to shrink the study: the cells it needed and the room the queue had.
        assertThat(refused.json().get("detail").asString())
                .matches("the study needs 3 cells but the queue has room for [0-2] \\(capacity 2\\).*");
        assertThat(api.get("/api/v1/experiments").json().get("totalItems").asLong()).isEqualTo(before);
    }

    @Test
    void eventStreamsBeyondTheNodesLimitAre429WithRetryAfterForExperimentsAndStudiesAlike() {
        String running = api.submit(LONG_WAIT);
        api.awaitStatus(running, "RUNNING", Duration.ofSeconds(30));
        String study = api.post("/api/v1/studies", """
                {"workload": {"kind": "io.sleep", "params": {"millis": 1}}, "models": ["THREADS"],
                 "parallelism": [1], "warmups": 0, "repetitions": 1}""").json().get("id").asString();
        String experimentEvents = "/api/v1/experiments/" + running + "/events";
        try (SseStream first = SseStream.open(port, experimentEvents);
                SseStream second = SseStream.open(port, experimentEvents)) {

            for (String path : List.of(experimentEvents, "/api/v1/studies/" + study + "/events")) {
                Response refused = api.get(path);
                assertThat(refused.status()).as(path).isEqualTo(429);
                assertThat(refused.header("Retry-After")).isEqualTo("5");
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.json().get("detail").asString()).contains("2 open event streams");
            }

            // Streams end with their experiment, and free their places.
            api.post("/api/v1/experiments/" + running + "/cancel", "");
            first.awaitEnd(Duration.ofSeconds(20));
            second.awaitEnd(Duration.ofSeconds(20));
        }
        SseStream studyStream = await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> SseStream.open(port, "/api/v1/studies/" + study + "/events"), s -> true);
        try (studyStream) {
            studyStream.awaitEnd(Duration.ofSeconds(60));
            assertThat(studyStream.events().getLast().json().get("status").asString()).isEqualTo("SUCCEEDED");
        }
    }
}
