package org.concurrencylab.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.SseStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Deleting on PostgreSQL with two nodes: an experiment running on one node is deleted through the
 * other (cancelled there first, through the shared row), a stream on the node that does not run it
 * ends, and a study deleted through one node is gone, cells and all, on both. The retention rules'
 * queries run there too.
 */
class DeletionPostgresTest {

    private static final Duration FINISH = Duration.ofSeconds(60);
    private static final Duration LONG_LEASE = Duration.ofSeconds(30);
    private static final String QUICK = """
            {"model": "SEQUENTIAL", "tasks": 1, "warmups": 0, "repetitions": 1,
             "workload": {"kind": "io.sleep", "params": {"millis": 2}}}""";

    private final List<LabNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(LabNode::close);
    }

    private LabNode started(String nodeId, TestPostgres.Database database) {
        return started(nodeId, database, Map.of());
    }

    private LabNode started(String nodeId, TestPostgres.Database database, Map<String, String> properties) {
        LabNode node = LabNode.start(nodeId, database, LONG_LEASE, properties);
        nodes.add(node);
        return node;
    }

    @Test
    void anExperimentRunningOnOneNodeIsDeletedThroughTheOtherAndItsStreamsEnd() {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        LabNode a = started("node-a", database);
        LabNode b = started("node-b", database);
        String id = a.api.submit("""
                {"model": "THREADS", "parallelism": 1, "tasks": 1, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 120}""");
        String runner = a.api.awaitStatus(id, "RUNNING", FINISH).get("nodeId").asString();
        LabNode running = runner.equals("node-a") ? a : b;
        LabNode other = running == a ? b : a;

        // The node that does not run it follows it by reading the row again; the delete goes through the
        // node that runs it, so the other hears of it only through the store.
        try (SseStream stream = SseStream.open(other.port(), "/api/v1/experiments/" + id + "/events")) {
            await().atMost(FINISH).until(() -> !stream.events().isEmpty());

            Response deleted = running.api.delete("/api/v1/experiments/" + id);

            assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
            stream.awaitEnd(FINISH);
            SseStream.Event last = stream.events().getLast();
            assertThat(last.name()).as(stream.events().toString()).isIn("status", "deleted");
            if (last.name().equals("status")) {
                assertThat(last.json().get("status").asString()).isEqualTo("CANCELLED");
            } else {
                assertThat(last.json().get("id").asString()).isEqualTo(id);
            }
        }
        for (LabNode node : List.of(a, b)) {
            assertThat(node.api.get("/api/v1/experiments/" + id).status()).isEqualTo(404);
        }

        // The other way round: a node deletes what the other node runs, after a cancel through the row.
        String second = a.api.submit("""
                {"model": "THREADS", "parallelism": 1, "tasks": 1, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 120}""");
        String secondRunner = a.api.awaitStatus(second, "RUNNING", FINISH).get("nodeId").asString();
        LabNode notRunning = secondRunner.equals("node-a") ? b : a;
        assertThat(notRunning.api.delete("/api/v1/experiments/" + second).status()).isEqualTo(204);
        for (LabNode node : List.of(a, b)) {
            assertThat(node.api.get("/api/v1/experiments/" + second).status()).isEqualTo(404);
        }
        assertThat(a.api.get("/api/v1/experiments?status=RUNNING").json().get("totalItems").asLong()).isZero();
    }

    @Test
    void aStudyDeletedThroughOneNodeIsGoneWithItsCellsOnBoth() {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        LabNode a = started("node-a", database);
        LabNode b = started("node-b", database);
        Response submitted = a.api.post("/api/v1/studies", """
                {"workload": {"kind": "io.sleep", "params": {"millis": 2}}, "models": ["THREADS", "GIL"],
                 "parallelism": [1, 2], "tasks": 2, "warmups": 0, "repetitions": 1}""");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String study = submitted.json().get("id").asString();
        List<String> cells = new ArrayList<>();
        submitted.json().get("table").forEach(row -> cells.add(row.get("experimentId").asString()));
        await().atMost(FINISH).until(() -> b.api.get("/api/v1/studies/" + study).json().get("status").asString()
                .equals("SUCCEEDED"));

        Response cell = b.api.delete("/api/v1/experiments/" + cells.getFirst());
        assertThat(cell.status()).isEqualTo(409);
        assertThat(b.api.delete("/api/v1/studies/" + study).status()).isEqualTo(204);

        for (LabNode node : List.of(a, b)) {
            assertThat(node.api.get("/api/v1/studies/" + study).status()).isEqualTo(404);
            for (String id : cells) {
                assertThat(node.api.get("/api/v1/experiments/" + id).status()).isEqualTo(404);
            }
            JsonNode listed = node.api.get("/api/v1/experiments?size=100").json();
            assertThat(listed.get("totalItems").asLong()).isZero();
        }
    }

    @Test
    void retentionRemovesTheOldestFinishedWorkAndAFinishedStudyWhole() {
        LabNode node = started("node-a", TestPostgres.freshDatabase(),
                Map.of("lab.retention.max-experiments", "1", "lab.retention.interval", "200ms"));
        String first = node.api.submit(QUICK);
        node.api.awaitStatus(first, "SUCCEEDED", FINISH);
        Response submitted = node.api.post("/api/v1/studies", """
                {"workload": {"kind": "io.sleep", "params": {"millis": 2}}, "models": ["THREADS"],
                 "parallelism": [1, 2], "tasks": 2, "warmups": 0, "repetitions": 1}""");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String study = submitted.json().get("id").asString();

        // Three stored, one allowed: the lone experiment goes first, then the study once it finished, whole.
        await().atMost(FINISH).until(() -> node.api.get("/api/v1/experiments/" + first).status() == 404);
        await().atMost(FINISH).until(() -> node.api.get("/api/v1/studies/" + study).status() == 404);
        submitted.json().get("table").forEach(row -> assertThat(
                node.api.get("/api/v1/experiments/" + row.get("experimentId").asString()).status()).isEqualTo(404));
        assertThat(node.api.counter("lab_experiments_deleted_total", "by=\"retention\"")).isEqualTo(3);
    }
}
