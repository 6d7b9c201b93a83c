package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The synchronization labs over HTTP: refused where they make no sense, sized by their cast, observed in results. */
class SyncLabsApiTest extends LabServerTest {

    private static final String WAIT = "/api/v1/experiments?waitSeconds=60";

    private static List<String> fields(Response problem) {
        List<String> fields = new ArrayList<>();
        problem.json().path("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    private static void assertProblem(Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(fields(response)).as(response.body()).contains(field);
        assertThat(response.json().get("detail").asString()).contains(field);
    }

    @Test
    void aSharedCounterAcrossProcessesIsRefusedWithTheReasonAndTheAlternative() {
        Response response = api.post(WAIT, """
                {"model": "PROCESSES", "parallelism": 2,
                 "workload": {"kind": "sync.counter", "params": {"strategy": "none"}}}""");

        assertProblem(response, "model");
        String detail = response.json().get("detail").asString();
        assertThat(detail).contains("sync.counter").contains("shares no memory").contains("ipc.pipe");
    }

    @Test
    void aQueueOnTooFewThreadsIsRefusedNamingParallelism() {
        // 2 producers + 2 consumers wait on each other: on 2 threads the consumers would never start.
        Response response = api.post(WAIT, """
                {"model": "THREADS", "parallelism": 2,
                 "workload": {"kind": "sync.queue", "params": {"producers": 2, "consumers": 2}}}""");

        assertProblem(response, "parallelism");
        assertThat(response.json().get("detail").asString()).contains("at least 4");
    }

    @Test
    void aBlockingLabIsRefusedOnSequentialAndWithTheWrongNumberOfTasks() {
        Response sequential = api.post(WAIT, """
                {"model": "SEQUENTIAL", "workload": {"kind": "sync.queue"}}""");
        assertProblem(sequential, "model");
        assertThat(sequential.json().get("detail").asString()).contains("needs 4 workers running at once");

        Response tasks = api.post(WAIT, """
                {"model": "THREADS", "parallelism": 8, "tasks": 3, "workload": {"kind": "sync.queue"}}""");
        assertProblem(tasks, "tasks");

        Response baseline = api.post(WAIT, """
                {"model": "THREADS", "baseline": true, "workload": {"kind": "sync.deadlock"}}""");
        assertProblem(baseline, "baseline");
    }

    @Test
    void aCounterExperimentReportsLostUpdatesPerRun() {
        Response response = api.post(WAIT, """
                {"model": "THREADS", "parallelism": 2, "warmups": 0, "repetitions": 2, "timeLimitSeconds": 60,
                 "workload": {"kind": "sync.counter", "params": {"increments": 5000000, "strategy": "none"}}}""");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode experiment = response.json();
        assertThat(experiment.get("status").asString()).isEqualTo("SUCCEEDED");
        // One worker per thread unless told otherwise.
        assertThat(experiment.get("tasks").asInt()).isEqualTo(2);
        JsonNode runs = experiment.at("/result/runs");
        assertThat(runs).hasSize(2);
        for (JsonNode run : runs) {
            JsonNode observations = run.get("observations");
            assertThat(observations.get("strategy").asString()).isEqualTo("none");
            assertThat(observations.get("expected").asLong()).isEqualTo(10_000_000);
            assertThat(observations.get("lostUpdates").asLong())
                    .isEqualTo(10_000_000 - observations.get("observed").asLong());
        }
        // The checksum counts increments asked for, the same on every run and model.
        assertThat(experiment.at("/result/summary/checksum").asLong()).isEqualTo(10_000_000);
    }

    @Test
    void aDeadlockExperimentSucceedsWithTheDeadlockInItsObservations() {
        // No tasks or parallelism given: the lab's cast of 2 sets both.
        Response response = api.post(WAIT, """
                {"model": "THREADS", "warmups": 0, "repetitions": 1, "timeLimitSeconds": 60,
                 "workload": {"kind": "sync.deadlock", "params": {"order": "opposite"}}}""");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode experiment = response.json();
        assertThat(experiment.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(experiment.get("tasks").asInt()).isEqualTo(2);
        assertThat(experiment.get("parallelism").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode observations = experiment.at("/result/runs/0/observations");
        assertThat(observations.get("outcome").asString()).isEqualTo("DEADLOCKED");
        assertThat(observations.get("deadlockedThreads").asString()).contains("lab-threads-");
    }
}
