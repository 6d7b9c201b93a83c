package org.concurrencylab.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.concurrencylab.support.LabApi;
import org.concurrencylab.support.LabApi.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Quotas and fair turns where they are hardest: two nodes on one PostgreSQL database. A user's
 * submit budget is one budget whichever node it submits through, and the nodes, claiming side by
 * side, still take turns across users.
 */
class QuotasTwoNodesTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Map<String, String> LIMITS = Map.of("lab.limits.per-user.submits-per-minute", "3");

    private static final String LONG_WAIT = """
            {"model": "THREADS", "parallelism": 1, "tasks": 1, "warmups": 0, "repetitions": 1,
             "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 120}""";
    private static final String QUICK = """
            {"name": "%s", "model": "THREADS", "parallelism": 1, "tasks": 1, "warmups": 0, "repetitions": 1,
             "workload": {"kind": "io.sleep", "params": {"millis": 1}}}""";
    /** Refused with 400, yet a submit all the same. */
    private static final String INVALID = "{\"model\": \"THREADS\"}";

    private final List<LabNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(LabNode::close);
    }

    @Test
    void oneBudgetPerUserAcrossNodesAndTurnsAcrossUsers() {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        LabNode a = started("node-a", database);
        LabNode b = started("node-b", database);

        // The budget: three submits a minute, spent through either node.
        LabApi carolOnA = student(a.api, "carol");
        LabApi carolOnB = new LabApi(b.port(), carolOnA.token());
        assertThat(carolOnA.post("/api/v1/experiments", INVALID).header("RateLimit")).startsWith("\"submits\";r=2;");
        assertThat(carolOnB.post("/api/v1/experiments", INVALID).header("RateLimit")).startsWith("\"submits\";r=1;");
        assertThat(carolOnA.post("/api/v1/experiments", INVALID).header("RateLimit")).startsWith("\"submits\";r=0;");
        Response refused = carolOnB.post("/api/v1/experiments", INVALID);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"submits\";q=3;w=60");

        // Turns: both nodes busy, Ann queues three, then Bob one.
        String blockA = a.api.submit(LONG_WAIT);
        String blockB = a.api.submit(LONG_WAIT);
        a.api.awaitStatus(blockA, "RUNNING", Duration.ofSeconds(30));
        a.api.awaitStatus(blockB, "RUNNING", Duration.ofSeconds(30));
        LabApi ann = student(a.api, "ann");
        LabApi bob = student(a.api, "bob");
        List<String> anns = List.of(ann.submit(QUICK.formatted("ann 1")), ann.submit(QUICK.formatted("ann 2")),
                ann.submit(QUICK.formatted("ann 3")));
        String bobs = bob.submit(QUICK.formatted("bob 1"));

        a.api.post("/api/v1/experiments/" + blockA + "/cancel", "");
        a.api.post("/api/v1/experiments/" + blockB + "/cancel", "");

        Instant bobStarted = started(bob, bobs);
        Instant annLastStarted = started(ann, anns.get(2));
        assertThat(bobStarted).isBefore(annLastStarted);
        assertThat(started(ann, anns.get(0))).isBeforeOrEqualTo(bobStarted);
    }

    private LabNode started(String nodeId, TestPostgres.Database database) {
        LabNode node = LabNode.start(nodeId, database, LEASE, LIMITS);
        nodes.add(node);
        return node;
    }

    private static LabApi student(LabApi admin, String stem) {
        Response made = admin.post("/api/v1/users", "{\"name\": \"" + stem + "\", \"role\": \"STUDENT\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return admin.as(made.json().get("token").asString());
    }

    private static Instant started(LabApi as, String id) {
        return Instant.parse(as.awaitFinished(id, Duration.ofSeconds(60)).get("startedAt").asString());
    }
}
