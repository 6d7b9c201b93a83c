package org.concurrencylab.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.concurrencylab.support.LabApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each node remembers who a token belongs to for a moment (lab.security.token-cache): revoking a
 * token is immediate on the node that revokes it, and reaches the other nodes within that moment.
 */
class TokenRevocationTwoNodesTest {

    private static final Duration TOKEN_CACHE = Duration.ofSeconds(2);
    /** The cache's lifetime plus room for a slow machine: the bound another node is held to. */
    private static final Duration BOUND = TOKEN_CACHE.plusSeconds(5);

    private final List<LabNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(LabNode::close);
    }

    @Test
    void aDeletedUsersTokenIsRefusedAtOnceWhereItWasDeletedAndSoonEverywhere() {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        LabNode a = started("node-a", database);
        LabNode b = started("node-b", database);
        JsonNode student = a.api.post("/api/v1/users", "{\"name\": \"ada\", \"role\": \"STUDENT\"}").json();
        LabApi onA = a.api.as(student.get("token").asString());
        LabApi onB = b.api.as(student.get("token").asString());
        // Both nodes have looked the token up, and remember it.
        assertThat(onA.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(onB.get("/api/v1/me").status()).isEqualTo(200);

        assertThat(a.api.delete("/api/v1/users/" + student.get("id").asString()).status()).isEqualTo(204);

        assertThat(onA.get("/api/v1/me").status()).isEqualTo(401);
        await().atMost(BOUND).until(() -> onB.get("/api/v1/me").status() == 401);
    }

    @Test
    void aRotatedTokenIsRefusedAtOnceWhereItWasRotatedAndSoonEverywhereWhileTheNewOneWorksAtOnce() {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        LabNode a = started("node-a", database);
        LabNode b = started("node-b", database);
        JsonNode teacher = a.api.post("/api/v1/users", "{\"name\": \"grace\", \"role\": \"TEACHER\"}").json();
        String old = teacher.get("token").asString();
        assertThat(b.api.as(old).get("/api/v1/me").status()).isEqualTo(200);
        assertThat(a.api.as(old).get("/api/v1/me").status()).isEqualTo(200);

        String fresh = b.api.post("/api/v1/users/" + teacher.get("id").asString() + "/token", "").json()
                .get("token").asString();

        assertThat(b.api.as(old).get("/api/v1/me").status()).isEqualTo(401);
        // A token no node has seen is looked up, never refused from memory.
        assertThat(a.api.as(fresh).get("/api/v1/me").status()).isEqualTo(200);
        assertThat(b.api.as(fresh).get("/api/v1/me").status()).isEqualTo(200);
        await().atMost(BOUND).until(() -> a.api.as(old).get("/api/v1/me").status() == 401);
    }

    private LabNode started(String nodeId, TestPostgres.Database database) {
        LabNode node = LabNode.start(nodeId, database, Duration.ofSeconds(30),
                Map.of("lab.security.token-cache", TOKEN_CACHE.toString()));
        nodes.add(node);
        return node;
    }
}
