package org.concurrencylab.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** {@code lab.retention.max-age} on a short schedule: finished work goes once it is that old, running work never. */
@TestPropertySource(properties = {"lab.retention.max-age=2s", "lab.retention.interval=200ms"})
class RetentionAgeTest extends LabServerTest {

    private static final Duration FINISH = Duration.ofSeconds(60);

    private int status(String id) {
        return api.get("/api/v1/experiments/" + id).status();
    }

    @Test
    void aFinishedExperimentGoesOnceOlderThanMaxAgeAndARunningOneStaysHoweverOld() {
        String quick = api.submit("""
                {"model": "SEQUENTIAL", "tasks": 1, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 5}}}""");
        api.awaitStatus(quick, "SUCCEEDED", FINISH);
        String running = api.submit("""
                {"model": "THREADS", "parallelism": 1, "tasks": 1, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 120}""");
        api.awaitStatus(running, "RUNNING", FINISH);

        await().atMost(FINISH).until(() -> status(quick) == 404);
        // Older than max-age by now, but running: never removed.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> status(running) == 200);
        assertThat(api.experiment(running).get("status").asString()).isEqualTo("RUNNING");

        assertThat(api.post("/api/v1/experiments/" + running + "/cancel", "").status()).isEqualTo(200);
        await().atMost(FINISH).until(() -> status(running) == 404);
    }
}
