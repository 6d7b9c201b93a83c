package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.concurrencylab.support.LabServerTest;
import org.concurrencylab.support.SseStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** An experiment stopped before its end keeps the runs that finished, summarised and marked partial. */
class PartialResultApiTest extends LabServerTest {

    private static final Duration FINISH = Duration.ofSeconds(60);

    private static JsonNode warning(JsonNode result, String code) {
        return result.at("/summary/warnings").valueStream()
                .filter(w -> w.get("code").asString().equals(code))
                .findFirst().orElseThrow(() -> new AssertionError("no " + code + " in " + result.at("/summary")));
    }

    @Test
    void aTimedOutExperimentKeepsItsFinishedRunsMarkedPartial() {
        // A hundred runs of about 50 ms of computing each, in a 1 s limit: some finish, not all. Computing,
        // since a spec whose waits alone pass its limit is refused at submit.
        String id = api.submit("""
                {"model": "SEQUENTIAL", "tasks": 1, "warmups": 0, "repetitions": 100,
                 "workload": {"kind": "mixed", "params": {"cpuMillis": 50, "ioMillis": 0}}, "timeLimitSeconds": 1}""");

        JsonNode stopped = api.awaitFinished(id, FINISH);

        assertThat(stopped.get("status").asString()).isEqualTo("TIMED_OUT");
        JsonNode result = stopped.get("result");
        assertThat(result.get("partial").asBoolean()).isTrue();
        assertThat(result.get("complete").asBoolean()).isFalse();
        int kept = result.get("runs").size();
        assertThat(kept).isBetween(1, 99);
        assertThat(result.at("/summary/wallMillis/n").asInt()).isEqualTo(kept);
        assertThat(warning(result, "PARTIAL").get("message").asString())
                .startsWith("Stopped before the end (TIMED_OUT: time limit of 1 s reached) after " + kept
                        + " of 100 measured runs, 0 of 0 warm-ups")
                .endsWith("the summary is of the " + kept + " measured run" + (kept == 1 ? "" : "s") + " that finished.");
    }

    @Test
    void aCancelledExperimentKeepsItsFinishedRunsMarkedPartialAndAFinishedOneIsNotPartial() {
        String id = api.submit("""
                {"model": "SEQUENTIAL", "tasks": 1, "warmups": 0, "repetitions": 50,
                 "workload": {"kind": "io.sleep", "params": {"millis": 100}}, "timeLimitSeconds": 60}""");
        try (SseStream stream = SseStream.open(port, "/api/v1/experiments/" + id + "/events")) {
            await().atMost(FINISH).until(() -> stream.events().stream().anyMatch(e -> e.name().equals("progress")));
            assertThat(api.post("/api/v1/experiments/" + id + "/cancel", "").status()).isEqualTo(200);
        }

        JsonNode result = api.experiment(id).get("result");

        assertThat(result.get("partial").asBoolean()).isTrue();
        assertThat(result.get("runs").size()).isBetween(1, 49);
        assertThat(warning(result, "PARTIAL").get("message").asString())
                .startsWith("Stopped before the end (CANCELLED: cancelled by request while running) after ");

        String whole = api.submit("""
                {"model": "SEQUENTIAL", "tasks": 1, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 1}}}""");
        JsonNode complete = api.awaitFinished(whole, FINISH).get("result");
        assertThat(complete.get("partial").asBoolean()).isFalse();
        assertThat(complete.at("/summary/warnings").toString()).doesNotContain("PARTIAL");
    }
}
