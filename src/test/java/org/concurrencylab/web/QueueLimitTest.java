package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A full queue refuses politely: 429, problem+json, and when to come back. */
@TestPropertySource(properties = {"lab.limits.queue-capacity=2", "lab.limits.retry-after=7s"})
class QueueLimitTest extends LabServerTest {

    private static final String LONG_WAIT = """
            {"model": "THREADS", "parallelism": 1, "tasks": 1, "warmups": 0, "repetitions": 1,
             "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 120}""";

    @Test
    void submissionsBeyondTheQueueCapacityAre429WithRetryAfter() {
        String running = api.submit(LONG_WAIT);
        api.awaitStatus(running, "RUNNING", java.time.Duration.ofSeconds(30));
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
        assertThat(api.get("/api/v1/experiments").json().get("totalItems").asLong()).isEqualTo(before);
    }
}
