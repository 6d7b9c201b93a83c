package org.concurrencylab.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * On PostgreSQL a submit through a busy node starts on an idle one at once, woken by LISTEN/NOTIFY
 * rather than by its poll; and the poll is still there for what a notification misses. The idle
 * node polls every minute in the notified cases, so work started within seconds there was started
 * by a notification (or, after a dropped connection, by the look at the queue that follows the
 * reconnect), never by the poll.
 */
class QueueNotificationsTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration SLOW_POLL = Duration.ofMinutes(1);
    /** Far below the slow poll: reached only if something other than the poll started the work. */
    private static final Duration WELL_BEFORE_THE_POLL = Duration.ofSeconds(20);
    private static final String KEEP_BUSY = """
            {"name": "keeps node A busy", "model": "THREADS", "parallelism": 1, "tasks": 1, "warmups": 0,
             "repetitions": 1, "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 120}""";
    private static final String QUICK = """
            {"model": "SEQUENTIAL", "tasks": 2, "warmups": 0, "repetitions": 1,
             "workload": {"kind": "io.sleep", "params": {"millis": 10}}}""";

    private final List<LabNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(LabNode::close);
    }

    @Test
    void workQueuedThroughABusyNodeIsStartedByTheIdleOneWhenItIsNotified() {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        LabNode a = busyNode(database, Map.of());
        LabNode b = started("node-b", database, Map.of("lab.execution.poll-interval", SLOW_POLL.toString()));
        awaitListening(database, "node-b");

        for (int i = 0; i < 3; i++) {
            String id = a.api.submit(QUICK);
            JsonNode done = b.api.awaitFinished(id, WELL_BEFORE_THE_POLL);
            assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("nodeId").asString()).isEqualTo("node-b");
            assertThat(done.at("/result/summary/checksum").asLong()).isEqualTo(1 + 2);
        }
    }

    @Test
    void withoutNotificationsThePollStillStartsTheWork() {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        // Node A sends none, as though every one of its notifications were lost.
        LabNode a = busyNode(database, Map.of("lab.execution.queue-notifications", "false"));
        LabNode b = started("node-b", database, Map.of("lab.execution.poll-interval", "1s"));
        awaitListening(database, "node-b");

        String id = a.api.submit(QUICK);

        JsonNode done = b.api.awaitFinished(id, Duration.ofSeconds(60));
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("nodeId").asString()).isEqualTo("node-b");
    }

    @Test
    void aDroppedListeningConnectionIsReplacedAndStrandsNoWork() throws SQLException {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        LabNode a = busyNode(database, Map.of());
        LabNode b = started("node-b", database, Map.of("lab.execution.poll-interval", SLOW_POLL.toString()));
        int dropped = awaitListening(database, "node-b");

        assertThat(terminate(database, dropped)).as("pg_terminate_backend").isTrue();
        // Submitted at once: the notification may reach no listener of node B's, and is lost then.
        String lostOrNot = a.api.submit(QUICK);

        JsonNode done = b.api.awaitFinished(lostOrNot, WELL_BEFORE_THE_POLL);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("nodeId").asString()).isEqualTo("node-b");
        int replacement = awaitListening(database, "node-b");
        assertThat(replacement).isNotEqualTo(dropped);
        // And notifications reach node B again.
        JsonNode next = b.api.awaitFinished(a.api.submit(QUICK), WELL_BEFORE_THE_POLL);
        assertThat(next.get("nodeId").asString()).isEqualTo("node-b");
    }

    /** Node A, running one experiment at a time and kept busy with a long one. */
    private LabNode busyNode(TestPostgres.Database database, Map<String, String> properties) {
        LabNode a = started("node-a", database, properties);
        String busy = a.api.submit(KEEP_BUSY);
        assertThat(a.api.awaitStatus(busy, "RUNNING", Duration.ofSeconds(60)).get("nodeId").asString())
                .isEqualTo("node-a");
        return a;
    }

    /** The backend pid of the node's listening connection, once it listens. */
    private static int awaitListening(TestPostgres.Database database, String nodeId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> listener(database, nodeId), pid -> pid > 0);
    }

    private static int listener(TestPostgres.Database database, String nodeId) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "select pid from pg_stat_activity where application_name = ?")) {
            query.setString(1, "lab-queue-listener " + nodeId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    private static boolean terminate(TestPostgres.Database database, int pid) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement kill = connection.prepareStatement("select pg_terminate_backend(?)")) {
            kill.setInt(1, pid);
            try (ResultSet row = kill.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private LabNode started(String nodeId, TestPostgres.Database database, Map<String, String> properties) {
        LabNode node = LabNode.start(nodeId, database, LEASE, properties);
        nodes.add(node);
        return node;
    }
}
