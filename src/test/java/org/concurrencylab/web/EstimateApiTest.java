package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The estimate a spec gets at submit: refused with a 400 naming it when the workload's waits alone
 * pass the time limit, shown in the accepted experiment otherwise, and learned from earlier runs of
 * the same spec on the node.
 */
class EstimateApiTest extends LabServerTest {

    private static final Duration FINISH = Duration.ofSeconds(60);

    @Test
    void tenThousandWaitsOfAHundredMillisWithABaselineAreRefusedNamingTheEstimate() {
        long before = api.get("/api/v1/experiments").json().get("totalItems").asLong();

        Response refused = api.post("/api/v1/experiments", """
                {"model": "THREADS", "parallelism": 100, "tasks": 10000, "baseline": true,
                 "workload": {"kind": "io.sleep", "params": {"millis": 100}}}""");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode error = refused.json().at("/errors/0");
        assertThat(error.get("field").asString()).isEqualTo("timeLimitSeconds");
        // The time limit, the estimate, and the baseline's share of it (1,000 s a run, 4 runs).
        assertThat(error.get("message").asString()).startsWith("is 300 s, but this spec needs at least 4,040 s "
                + "(the SEQUENTIAL baseline alone needs 4,000 s)").contains("SEQUENTIAL baseline at 1,000 s each");
        assertThat(api.get("/api/v1/experiments").json().get("totalItems").asLong()).isEqualTo(before);
    }

    @Test
    void ipcPipeWithABaselineIsRefusedOnBaseline() {
        Response refused = api.post("/api/v1/experiments", """
                {"model": "PROCESSES", "parallelism": 2, "baseline": true,
                 "workload": {"kind": "ipc.pipe", "params": {"messages": 100}}}""");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().at("/errors/0/field").asString()).isEqualTo("baseline");
        assertThat(refused.json().at("/errors/0/message").asString()).contains("ipc.pipe", "SEQUENTIAL");
    }

    @Test
    void aStudyWhoseCellsCannotFitIsRefusedBeforeAnythingIsStored() {
        long before = api.get("/api/v1/experiments").json().get("totalItems").asLong();

        // Each cell runs a baseline: 2 tasks of 60 s one after another, plus the model's own 60 s.
        Response refused = api.post("/api/v1/studies", """
                {"workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "models": ["THREADS"],
                 "parallelism": [2], "tasks": 2, "warmups": 0, "repetitions": 1, "timeLimitSeconds": 120}""");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().at("/errors/0/field").asString()).isEqualTo("timeLimitSeconds");
        assertThat(refused.json().at("/errors/0/message").asString()).contains("needs at least 180 s");
        assertThat(api.get("/api/v1/experiments").json().get("totalItems").asLong()).isEqualTo(before);
    }

    @Test
    void anAcceptedExperimentShowsItsEstimateFromItsWaits() {
        Response accepted = api.post("/api/v1/experiments", """
                {"model": "THREADS", "parallelism": 8, "tasks": 16, "warmups": 0, "repetitions": 1, "baseline": true,
                 "workload": {"kind": "io.sleep", "params": {"millis": 50}}}""");

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode estimate = accepted.json().get("estimate");
        // Two waves of 50 ms on 8 threads, and 16 x 50 ms of baseline one after another.
        assertThat(estimate.get("seconds").asDouble()).isCloseTo(0.9, within(1e-9));
        assertThat(estimate.get("basis").asString()).isEqualTo("WAITS");
        assertThat(estimate.get("detail").asString()).startsWith("at least 0.900 s: 1 run (0 warm-ups, 1 measured)");
        String id = accepted.json().get("id").asString();
        // Stored with it: read back the same, and still there once it finished.
        JsonNode finished = api.awaitFinished(id, FINISH);
        assertThat(finished.get("estimate")).isEqualTo(estimate);
        assertThat(finished.at("/result/summary/baselineWallMillis/median").asDouble() / 1000)
                .isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void computingIsEstimatedFromEarlierRunsOfTheSameSpecOnThisNode() {
        // A size no other test uses, so the first run has no earlier one.
        int size = 7000 + ThreadLocalRandom.current().nextInt(3000) * 2;
        String spec = """
                {"name": "%s", "model": "SEQUENTIAL", "tasks": 2, "warmups": 0, "repetitions": %d,
                 "workload": {"kind": "cpu.primes", "params": {"size": %d}}}""";

        Response first = api.post("/api/v1/experiments", spec.formatted("first", 2, size));
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().has("estimate")).as(first.body()).isFalse();
        String firstId = first.json().get("id").asString();
        JsonNode done = api.awaitFinished(firstId, FINISH);
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");

        // Another name and more repetitions: the same work per run, so the earlier one counts, scaled.
        JsonNode second = api.post("/api/v1/experiments", spec.formatted("second", 4, size)).json();

        JsonNode estimate = second.get("estimate");
        assertThat(estimate.get("basis").asString()).isEqualTo("PAST_RUNS");
        assertThat(estimate.get("detail").asString()).startsWith("the median of the latest 1 SUCCEEDED experiment "
                + "with this spec on node " + done.get("nodeId").asString() + ", scaled to its 4 runs");
        assertThat(estimate.get("seconds").asDouble()).isPositive();
        api.awaitFinished(second.get("id").asString(), FINISH);
    }
}
