package org.concurrencylab.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.concurrencylab.support.LabApi;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.SseStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Several nodes sharing one PostgreSQL database as store and work queue: every experiment runs
 * exactly once on one of them, an experiment whose node died is failed by another node once its
 * lease lapses, while the survivor goes on working, and a request waiting on one node for an
 * experiment another node runs answers once that node is done.
 */
class TwoNodesTest {

    private static final Duration FINISH = Duration.ofSeconds(60);
    /** The default: a node stalled for a moment on a busy machine keeps what it runs. */
    private static final Duration LONG_LEASE = Duration.ofSeconds(30);
    /** The lost-node test's: short, so it is noticed quickly, yet 12 heartbeats long. */
    private static final Duration LEASE = Duration.ofSeconds(3);

    private final List<LabNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(LabNode::close);
    }

    @Test
    void everyExperimentRunsExactlyOnceOnOneOfTheNodes() {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        LabNode a = started("node-a", database, LONG_LEASE);
        // The second node finds the schema migrated by the first and leaves it as it is.
        LabNode b = started("node-b", database, LONG_LEASE);

        // Experiment k sleeps 300 ms on k threads: its checksum is 1 + 2 + ... + k, so an
        // experiment that lost or repeated a task, or got another's result, shows.
        Map<String, Integer> tasksById = new LinkedHashMap<>();
        for (int k = 1; k <= 10; k++) {
            LabApi through = k % 2 == 1 ? a.api : b.api;
            tasksById.put(through.submit("""
                    {"name": "sleep %d", "model": "THREADS", "parallelism": %d, "tasks": %d, "warmups": 0,
                     "repetitions": 1, "workload": {"kind": "io.sleep", "params": {"millis": 300}},
                     "timeLimitSeconds": 60}""".formatted(k, k, k)), k);
        }

        Set<String> ranOn = new HashSet<>();
        for (Map.Entry<String, Integer> entry : tasksById.entrySet()) {
            int k = entry.getValue();
            // Read through the node it was not submitted through: both see the one shared row.
            JsonNode e = (k % 2 == 1 ? b.api : a.api).awaitFinished(entry.getKey(), FINISH);
            assertThat(e.get("status").asString()).as(e.toString()).isEqualTo("SUCCEEDED");
            assertThat(e.get("name").asString()).isEqualTo("sleep " + k);
            assertThat(e.at("/result/summary/checksum").asLong()).as(e.toString()).isEqualTo((long) k * (k + 1) / 2);
            assertThat(e.at("/result/runs")).hasSize(1);
            String nodeId = e.get("nodeId").asString();
            assertThat(nodeId).isIn("node-a", "node-b");
            // The node the row names is the node that measured it.
            assertThat(e.at("/result/environment/nodeId").asString()).isEqualTo(nodeId);
            // Claimed after it was created, whichever node created it and whichever claimed it.
            assertThat(e.get("queueWaitMillis").asLong()).as(e.toString()).isNotNegative();
            ranOn.add(nodeId);
        }
        // Each claim starts an experiment once and records its queue wait once, on the node that
        // claimed it: ten claims in all means nothing was claimed twice.
        assertThat(a.count("lab.experiment.queue.wait") + b.count("lab.experiment.queue.wait")).isEqualTo(10);
        assertThat(a.count("lab.experiments.finished") + b.count("lab.experiments.finished")).isEqualTo(10);
        // Ten 300 ms experiments, one at a time per node, submitted through both nodes (each
        // submission wakes the node it went to): an idle node does not stay out of that for 3 s.
        assertThat(ranOn).containsExactlyInAnyOrder("node-a", "node-b");
    }

    @Test
    void aStreamOnTheNodeThatDoesNotRunTheExperimentFollowsItToItsEnd() {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        LabNode a = started("node-a", database, LONG_LEASE);
        LabNode b = started("node-b", database, LONG_LEASE);
        String id = a.api.submit("""
                {"model": "THREADS", "parallelism": 1, "tasks": 1, "warmups": 0, "repetitions": 4,
                 "workload": {"kind": "io.sleep", "params": {"millis": 500}}, "timeLimitSeconds": 60}""");
        String runner = a.api.awaitStatus(id, "RUNNING", FINISH).get("nodeId").asString();
        LabNode elsewhere = runner.equals("node-a") ? b : a;

        // Only the running node sees the experiment's events; the other reads its row again.
        try (SseStream stream = SseStream.open(elsewhere.port(), "/api/v1/experiments/" + id + "/events")) {
            stream.awaitEnd(FINISH);

            List<SseStream.Event> events = stream.events();
            assertThat(events).extracting(SseStream.Event::name).containsOnly("status");
            assertThat(events.getFirst().json().get("status").asString()).as(events.toString()).isEqualTo("RUNNING");
            assertThat(events.getLast().json().get("status").asString()).as(events.toString()).isEqualTo("SUCCEEDED");
            assertThat(events.getLast().json().at("/result/runs")).hasSize(4);
            stream.assertIdsGrow();
        }
    }

    @Test
    void aLostNodesExperimentIsFailedByTheSurvivorWhichGoesOnWorking() {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        LabNode a = started("node-a", database, LEASE);
        String lost = a.api.submit("""
                {"name": "long sleep", "model": "THREADS", "parallelism": 2, "tasks": 2, "warmups": 0,
                 "repetitions": 1, "workload": {"kind": "io.sleep", "params": {"millis": 60000}},
                 "timeLimitSeconds": 120}""");
        assertThat(a.api.awaitStatus(lost, "RUNNING", FINISH).get("nodeId").asString()).isEqualTo("node-a");
        LabNode b = started("node-b", database, LEASE);

        // While node A renews its lease, node B leaves A's experiment alone.
        await().during(LEASE).atMost(LEASE.multipliedBy(3))
                .until(() -> b.api.experiment(lost).get("status").asString().equals("RUNNING"));

        long crashedAt = System.nanoTime();
        a.crash();
        nodes.remove(a);

        JsonNode failed = b.api.awaitFinished(lost, LEASE.plusSeconds(5));
        Duration noticedAfter = Duration.ofNanos(System.nanoTime() - crashedAt);
        assertThat(failed.get("status").asString()).as(failed.toString()).isEqualTo("FAILED");
        assertThat(failed.get("statusReason").asString()).startsWith("lease expired").contains("'node-a'")
                .doesNotContain("stopped");
        assertThat(failed.get("nodeId").asString()).isEqualTo("node-a");
        assertThat(failed.get("finishedAt").asString()).isNotBlank();
        assertThat(noticedAfter).as("failed within the lease timeout and a heartbeat or two")
                .isLessThan(LEASE.plusSeconds(5));

        JsonNode next = b.api.awaitFinished(b.api.submit("""
                {"model": "SEQUENTIAL", "tasks": 3, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 10}}}"""), FINISH);
        assertThat(next.get("status").asString()).as(next.toString()).isEqualTo("SUCCEEDED");
        assertThat(next.get("nodeId").asString()).isEqualTo("node-b");
        assertThat(next.at("/result/summary/checksum").asLong()).isEqualTo(1 + 2 + 3);
        assertThat(b.api.experiment(lost).get("status").asString()).isEqualTo("FAILED");
    }

    @Test
    void waitingRequestsOnOneNodeAnswerAsSoonAsTheOtherNodeIsDone() {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        LabNode a = started("node-a", database, LONG_LEASE);
        // Node A runs one experiment at a time: kept busy, it leaves what follows to node B.
        String busy = a.api.submit("""
                {"name": "keeps node A busy", "model": "THREADS", "parallelism": 1, "tasks": 1, "warmups": 0,
                 "repetitions": 1, "workload": {"kind": "io.sleep", "params": {"millis": 60000}},
                 "timeLimitSeconds": 120}""");
        assertThat(a.api.awaitStatus(busy, "RUNNING", FINISH).get("nodeId").asString()).isEqualTo("node-a");
        LabNode b = started("node-b", database, LONG_LEASE);

        // Node B's finish is no event on node A: A's waiter must see it in the shared row.
        long submittedAt = System.nanoTime();
        Response answered = a.api.post("/api/v1/experiments?waitSeconds=60", """
                {"model": "SEQUENTIAL", "tasks": 2, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 100}}}""");
        Duration waited = Duration.ofNanos(System.nanoTime() - submittedAt);
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(answered.json().get("nodeId").asString()).isEqualTo("node-b");
        assertThat(waited).as("answered when node B was done, not when the 60 s ran out")
                .isLessThan(Duration.ofSeconds(30));

        // The same for a cancel through node B of what node A runs: it answers once A has stopped it.
        long cancelledAt = System.nanoTime();
        Response cancelled = b.api.post("/api/v1/experiments/" + busy + "/cancel", "");
        Duration stopping = Duration.ofNanos(System.nanoTime() - cancelledAt);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(stopping).as("answered when node A had stopped it, not after the cancel's 10 s wait")
                .isLessThan(Duration.ofSeconds(8));
    }

    private LabNode started(String nodeId, TestPostgres.Database database, Duration leaseTimeout) {
        LabNode node = LabNode.start(nodeId, database, leaseTimeout);
        nodes.add(node);
        return node;
    }
}
