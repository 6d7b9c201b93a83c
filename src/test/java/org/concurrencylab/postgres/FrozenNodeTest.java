package org.concurrencylab.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Fencing: node A is frozen (every use of its database waits) past its lease while it runs two
 * experiments; node B records both leases as lapsed. When A wakes up, its late heartbeat and its
 * late final writes change nothing: each experiment ended once, as B recorded it, the claims log
 * shows one run each, and A stops what it still ran and logs why.
 */
@ExtendWith(OutputCaptureExtension.class)
class FrozenNodeTest {

    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration FINISH = Duration.ofSeconds(60);

    private final List<LabNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(LabNode::close);
    }

    @Test
    void aNodeFrozenPastItsLeaseCannotOverwriteWhatAnotherNodeDecided(CapturedOutput output) throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        LabNode a = started("node-a", database, Map.of("spring.datasource.hikari.allow-pool-suspension", "true",
                "lab.execution.concurrent-experiments", "2"));
        String endless = a.api.submit(sleeping("still running when A wakes", 60_000));
        String ending = a.api.submit(sleeping("finished while A is frozen", 3_000));
        for (String id : List.of(endless, ending)) {
            assertThat(a.api.awaitStatus(id, "RUNNING", FINISH).get("nodeId").asString()).isEqualTo("node-a");
        }
        LabNode b = started("node-b", database, Map.of());

        try (AutoCloseable thaw = a.freezeDatabaseAccess()) {
            for (String id : List.of(endless, ending)) {
                JsonNode failed = b.api.awaitFinished(id, LEASE.plus(FINISH));
                assertThat(failed.get("status").asString()).as(failed.toString()).isEqualTo("FAILED");
                assertThat(failed.get("statusReason").asString()).startsWith("lease expired: node 'node-a'")
                        .doesNotContain("stopped");
            }
            // The short one has ended in A, which cannot store it yet.
            await().atMost(FINISH).until(() -> a.count("lab.runs.finished") >= 1);
        }
        List<JsonNode> decided = List.of(b.api.experiment(endless), b.api.experiment(ending));

        // A wakes up: its lease renewal changes nothing, so it stops the run it still had...
        await("node A to stop the run whose lease it lost").atMost(Duration.ofSeconds(20))
                .until(() -> a.gauge("lab.experiments.running") == 0);
        // ...and neither of its final writes changes what B recorded, then or later.
        await().during(LEASE).atMost(LEASE.multipliedBy(3)).until(() ->
                List.of(b.api.experiment(endless), b.api.experiment(ending)).equals(decided));
        assertThat(a.count("lab.experiments.finished")).as("A recorded no outcome").isZero();
        assertThat(b.count("lab.experiments.finished")).as("B recorded each once").isEqualTo(2);
        for (String id : List.of(endless, ending)) {
            assertThat(claims(database, id)).containsExactly("1 node-a RUN", "2 node-b EXPIRE");
        }
        assertThat(output.getOut())
                .contains("experiment " + endless + ": the lease of node node-a (epoch 1) was taken over")
                .contains("experiment " + ending + ": lease expired: not renewed for")
                .contains("node node-b recorded it as FAILED (epoch 2), which stands: this node's SUCCEEDED (lease "
                        + "epoch 1) is not stored");

        // A works on: what it claims now it runs and records.
        JsonNode next = a.api.awaitFinished(a.api.submit(sleeping("after", 10)), FINISH);
        assertThat(next.get("status").asString()).as(next.toString()).isEqualTo("SUCCEEDED");
    }

    private static String sleeping(String name, int millis) {
        return """
                {"name": "%s", "model": "THREADS", "parallelism": 1, "tasks": 1, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": %d}}, "timeLimitSeconds": 120}"""
                .formatted(name, millis);
    }

    private static List<String> claims(TestPostgres.Database database, String id) throws SQLException {
        List<String> claims = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select lease_epoch, node_id, claim_kind from experiment_claim"
                        + " where experiment_id = '" + id + "' order by lease_epoch")) {
            while (rows.next()) {
                claims.add(rows.getLong(1) + " " + rows.getString(2) + " " + rows.getString(3));
            }
        }
        return claims;
    }

    private LabNode started(String nodeId, TestPostgres.Database database, Map<String, String> properties) {
        LabNode node = LabNode.start(nodeId, database, LEASE, properties);
        nodes.add(node);
        return node;
    }
}
