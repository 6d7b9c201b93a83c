package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.concurrencylab.support.SseStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Deleting experiments and studies over HTTP: 204 and then 404 everywhere, a running one cancelled
 * first with its event stream ended, a study with its cells, and a cell only with its study.
 */
class DeleteApiTest extends LabServerTest {

    private static final Duration FINISH = Duration.ofSeconds(60);
    private static final String QUICK = """
            {"model": "THREADS", "parallelism": 2, "tasks": 2, "warmups": 0, "repetitions": 1,
             "workload": {"kind": "io.sleep", "params": {"millis": 5}}}""";
    private static final String LONG = """
            {"model": "THREADS", "parallelism": 2, "tasks": 2, "warmups": 0, "repetitions": 1,
             "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 120}""";

    private void assertGone(String id) {
        for (String path : List.of("", "/runs.csv", "/timeline.svg", "/jmh.json", "/events")) {
            Response gone = api.get("/api/v1/experiments/" + id + path);
            assertThat(gone.status()).as(path).isEqualTo(404);
            assertThat(gone.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.delete("/api/v1/experiments/" + id).status()).isEqualTo(404);
        assertThat(listedIds("/api/v1/experiments?size=100")).doesNotContain(id);
    }

    private List<String> listedIds(String path) {
        List<String> ids = new ArrayList<>();
        api.get(path).json().get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private long deletedByUsers() {
        return api.counter("lab_experiments_deleted_total", "by=\"user\"");
    }

    @Test
    void aFinishedExperimentIsDeletedWith204AndIsThen404OnEveryRoute() {
        String id = api.submit(QUICK);
        api.awaitStatus(id, "SUCCEEDED", FINISH);
        long before = deletedByUsers();

        Response deleted = api.delete("/api/v1/experiments/" + id);

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertGone(id);
        assertThat(deletedByUsers()).isEqualTo(before + 1);
    }

    @Test
    void aRunningExperimentIsCancelledFirstAndItsEventStreamEnds() {
        String id = api.submit(LONG);
        api.awaitStatus(id, "RUNNING", FINISH);
        try (SseStream stream = SseStream.open(port, "/api/v1/experiments/" + id + "/events")) {
            await().atMost(FINISH).until(() -> !stream.events().isEmpty());

            assertThat(api.delete("/api/v1/experiments/" + id).status()).isEqualTo(204);

            stream.awaitEnd(FINISH);
            List<SseStream.Event> events = stream.events();
            SseStream.Event last = events.getLast();
            // Its last word: cancelled (when the status was read before the row went) or deleted.
            assertThat(last.name()).as(events.toString()).isIn("status", "deleted");
            if (last.name().equals("deleted")) {
                assertThat(last.json().get("id").asString()).isEqualTo(id);
                assertThat(last.json().get("deleted").asBoolean()).isTrue();
            } else {
                assertThat(last.json().get("status").asString()).isEqualTo("CANCELLED");
            }
            stream.assertIdsGrow();
        }
        assertGone(id);
        await().atMost(FINISH).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("lab-threads-") && t.isAlive()));
    }

    @Test
    void aQueuedExperimentIsDeletedBeforeItEverRuns() {
        String running = api.submit(LONG);
        api.awaitStatus(running, "RUNNING", FINISH);
        String queued = api.submit(QUICK);

        assertThat(api.delete("/api/v1/experiments/" + queued).status()).isEqualTo(204);

        assertGone(queued);
        assertThat(api.experiment(running).get("status").asString()).isEqualTo("RUNNING");
    }

    @Test
    void aCellGoesOnlyWithItsStudyAndTheStudyTakesEveryCellWithIt() {
        Response submitted = api.post("/api/v1/studies", """
                {"workload": {"kind": "io.sleep", "params": {"millis": 2}}, "models": ["THREADS", "GIL"],
                 "parallelism": [1, 2], "tasks": 2, "warmups": 0, "repetitions": 1}""");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String study = submitted.json().get("id").asString();
        List<String> cells = new ArrayList<>();
        submitted.json().get("table").forEach(row -> cells.add(row.get("experimentId").asString()));
        await().atMost(FINISH).until(() -> api.get("/api/v1/studies/" + study).json().get("status").asString()
                .equals("SUCCEEDED"));

        Response cell = api.delete("/api/v1/experiments/" + cells.getFirst());
        assertThat(cell.status()).isEqualTo(409);
        assertThat(cell.contentType()).startsWith("application/problem+json");
        assertThat(cell.json().get("detail").asString()).contains("study '" + study + "'", "/api/v1/studies/" + study);
        assertThat(api.experiment(cells.getFirst()).get("status").asString()).isEqualTo("SUCCEEDED");

        assertThat(api.delete("/api/v1/studies/" + study).status()).isEqualTo(204);

        for (String path : List.of("", "/results.csv", "/chart.svg", "/events")) {
            assertThat(api.get("/api/v1/studies/" + study + path).status()).as(path).isEqualTo(404);
        }
        assertThat(api.delete("/api/v1/studies/" + study).status()).isEqualTo(404);
        assertThat(listedIds("/api/v1/studies?size=100")).doesNotContain(study);
        cells.forEach(this::assertGone);
    }

    @Test
    void aRunningStudyIsDeletedWithItsCellsCancelledFirstAndItsStreamEnds() {
        Response submitted = api.post("/api/v1/studies", """
                {"workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "models": ["THREADS"],
                 "parallelism": [1, 2], "tasks": 2, "warmups": 0, "repetitions": 1, "timeLimitSeconds": 600}""");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String study = submitted.json().get("id").asString();
        List<String> cells = new ArrayList<>();
        submitted.json().get("table").forEach(row -> cells.add(row.get("experimentId").asString()));
        api.awaitStatus(cells.getFirst(), "RUNNING", FINISH);

        try (SseStream stream = SseStream.open(port, "/api/v1/studies/" + study + "/events")) {
            await().atMost(FINISH).until(() -> !stream.events().isEmpty());

            assertThat(api.delete("/api/v1/studies/" + study).status()).isEqualTo(204);

            stream.awaitEnd(FINISH);
            assertThat(stream.events().getLast().name()).isIn("status", "deleted");
        }
        assertThat(api.get("/api/v1/studies/" + study).status()).isEqualTo(404);
        cells.forEach(this::assertGone);
        assertThat(api.get("/api/v1/experiments?status=RUNNING").json().get("totalItems").asLong()).isZero();
    }
}
