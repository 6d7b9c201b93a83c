package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13 over HTTP: the event loop (one thread, refusals that say why), sync.bounded, and the
 * outcome table of sync.counter, as a user sees them.
 */
class EventLoopApiTest extends LabServerTest {

    private static final String WAIT = "/api/v1/experiments?waitSeconds=60";

    private static List<String> fields(Response problem) {
        List<String> fields = new ArrayList<>();
        problem.json().path("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    private static void assertProblem(Response response, String field, String... reasons) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(fields(response)).as(response.body()).contains(field);
        assertThat(response.json().get("detail").asString()).contains(reasons);
    }

    private JsonNode succeeded(String spec) {
        Response response = api.post(WAIT, spec);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode experiment = response.json();
        assertThat(experiment.get("status").asString()).as(response.body()).isEqualTo("SUCCEEDED");
        return experiment;
    }

    @Test
    void theLoopRunsOnOneThreadAndRefusesWhatWouldBlockIt() {
        assertProblem(api.post(WAIT, """
                {"model": "EVENT_LOOP", "parallelism": 2, "workload": {"kind": "io.sleep"}}"""),
                "parallelism", "EVENT_LOOP runs every task on its one thread");
        assertProblem(api.post(WAIT, """
                {"model": "EVENT_LOOP", "workload": {"kind": "sync.counter"}}"""),
                "model", "sync.counter does not fit EVENT_LOOP", "block on each other");
        assertProblem(api.post(WAIT, """
                {"model": "EVENT_LOOP", "workload": {"kind": "io.file"}}"""),
                "model", "no cooperative form", "run_in_executor");
        assertProblem(api.post(WAIT, """
                {"model": "THREADS", "slowCallbackMillis": 10, "workload": {"kind": "io.sleep"}}"""),
                "slowCallbackMillis", "only to EVENT_LOOP");

        JsonNode loop = model(api.get("/api/v1/catalog/models").json(), "EVENT_LOOP");
        assertThat(loop.get("fields").get(0).get("max").asInt()).isEqualTo(1);
        assertThat(loop.get("fields").get(0).get("description").asString()).contains("always 1");
        assertThat(loop.get("fields").get(1).get("name").asString()).isEqualTo("slowCallbackMillis");
    }

    @Test
    void cpuWorkGetsNoSpeedupOnTheLoopWhileWaitsOverlap() {
        // One thread either way: the speedup is 1 but for noise, which on two shared cores can swamp
        // a short run; EventLoopTest shows without timing that the tasks never overlap.
        AtomicReference<JsonNode> primes = new AtomicReference<>();
        await("a cpu.primes speedup within 0.8-1.2").atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10)).until(() -> {
                    primes.set(succeeded("""
                            {"model": "EVENT_LOOP", "tasks": 4, "warmups": 1, "repetitions": 3, "baseline": true,
                             "workload": {"kind": "cpu.primes", "params": {"size": 300000}}}"""));
                    double speedup = primes.get().at("/result/summary/speedup").asDouble();
                    return speedup >= 0.8 && speedup <= 1.2;
                });
        assertThat(primes.get().at("/result/runs/1/observations/peakPendingTasks").asLong()).isEqualTo(1);
        assertThat(primes.get().at("/result/interpretation").asString()).contains("no speedup on an event loop");

        JsonNode sleeps = succeeded("""
                {"model": "EVENT_LOOP", "tasks": 20, "warmups": 0, "repetitions": 1, "baseline": true,
                 "workload": {"kind": "io.sleep", "params": {"millis": 50}}}""");
        assertThat(sleeps.at("/result/summary/speedup").asDouble()).isGreaterThan(3);
        assertThat(sleeps.at("/result/interpretation").asString()).contains("one thread overlapped the waits");
    }

    @Test
    void aBlockingSleepShowsInTheLoopLag() {
        JsonNode blocked = succeeded("""
                {"model": "EVENT_LOOP", "tasks": 4, "warmups": 0, "repetitions": 1, "slowCallbackMillis": 20,
                 "workload": {"kind": "io.sleep", "params": {"millis": 30, "blocking": 1}}}""");
        JsonNode observations = blocked.at("/result/runs/0/observations");
        assertThat(observations.get("loopLagMillisMax").asDouble()).isGreaterThanOrEqualTo(90);
        assertThat(observations.get("slowCallbacks").asLong()).isEqualTo(4);
        assertThat(blocked.at("/options/slowCallbackMillis").asInt()).isEqualTo(20);
        assertThat(blocked.at("/result/interpretation").asString())
                .contains("4 callbacks held it at least 20 ms", "stalls every other task");
    }

    @Test
    void aBoundedSemaphoreCatchesTheExtraRelease() {
        JsonNode bounded = succeeded("""
                {"model": "THREADS", "parallelism": 4, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "sync.bounded", "params": {"permits": 2, "bounded": 1}}}""");
        assertThat(bounded.at("/result/observations/overReleasesCaught").asLong()).isEqualTo(1);
        assertThat(bounded.at("/result/observations/permitsAtEnd").asLong()).isEqualTo(2);

        JsonNode plain = succeeded("""
                {"model": "THREADS", "parallelism": 4, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "sync.bounded", "params": {"permits": 2, "bounded": 0}}}""");
        assertThat(plain.at("/result/observations/overReleasesCaught").asLong()).isZero();
        assertThat(plain.at("/result/observations/permitsAtEnd").asLong()).isEqualTo(3);
        assertThat(plain.at("/result/interpretation").asString()).contains("silently");
    }

    @Test
    void anUnsynchronizedCounterListsItsForbiddenOutcomesAndALockedOneOnlyAcceptable() {
        // A race is a race: on a starved machine a run may lose nothing, so submit until one does.
        await("a counter experiment with a FORBIDDEN outcome").atMost(Duration.ofMinutes(2))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> {
                    JsonNode none = succeeded("""
                            {"model": "THREADS", "parallelism": 2, "warmups": 0, "repetitions": 3,
                             "workload": {"kind": "sync.counter", "params": {"increments": 2000000, "strategy": "none"}}}""");
                    JsonNode outcomes = none.at("/result/outcomes");
                    assertOutcomeTable(outcomes, 3);
                    boolean forbidden = false;
                    for (JsonNode row : outcomes) {
                        forbidden |= row.get("expect").asString().equals("FORBIDDEN");
                    }
                    return forbidden;
                });

        JsonNode locked = succeeded("""
                {"model": "THREADS", "parallelism": 2, "warmups": 0, "repetitions": 3,
                 "workload": {"kind": "sync.counter", "params": {"increments": 200000, "strategy": "synchronized"}}}""");
        JsonNode outcomes = locked.at("/result/outcomes");
        assertOutcomeTable(outcomes, 3);
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0).get("expect").asString()).isEqualTo("ACCEPTABLE");
        assertThat(outcomes.get(0).get("observed").asLong()).isEqualTo(400_000);
        assertThat(outcomes.get(0).get("count").asInt()).isEqualTo(3);

        // Workloads that declare no outcomes carry no table.
        JsonNode sleeps = succeeded("""
                {"model": "THREADS", "warmups": 0, "repetitions": 1, "workload": {"kind": "io.sleep", "params": {"millis": 1}}}""");
        assertThat(sleeps.at("/result/outcomes").isMissingNode()).isTrue();
    }

    /** Every run counted once, each row graded by whether it is exactly the expected value. */
    private static void assertOutcomeTable(JsonNode outcomes, int runs) {
        assertThat(outcomes.isArray()).as(outcomes.toString()).isTrue();
        int counted = 0;
        for (JsonNode row : outcomes) {
            boolean exact = row.get("observed").asLong() == row.get("expected").asLong();
            assertThat(row.get("expect").asString()).isEqualTo(exact ? "ACCEPTABLE" : "FORBIDDEN");
            assertThat(row.get("description").asString()).isNotBlank();
            counted += row.get("count").asInt();
        }
        assertThat(counted).isEqualTo(runs);
    }

    private static JsonNode model(JsonNode models, String name) {
        for (JsonNode m : models) {
            if (m.get("name").asString().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no model " + name + " in " + models);
    }
}
