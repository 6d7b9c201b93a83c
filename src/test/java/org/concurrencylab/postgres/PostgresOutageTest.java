package org.concurrencylab.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.concurrencylab.support.LabApi;
import org.concurrencylab.support.LabApi.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A lab on PostgreSQL whose server freezes for 20 s in the middle of an experiment (a paused
 * container, or SIGSTOP to an embedded server's processes): every request that needs the database
 * answers 503 with {@code Retry-After} within 3 s, health says DOWN as quickly, a page that needs
 * no database is still served; the experiment runs on, and once the server is back its outcome is
 * stored (SUCCEEDED, with its numbers), health is UP, and the experiment queued before the outage
 * runs. Nothing submitted during the outage was accepted.
 */
class PostgresOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(20);
    /** What the issue allows a request, and health, during an outage. */
    private static final Duration ANSWER = Duration.ofSeconds(3);
    private static final Duration FINISH = Duration.ofSeconds(60);
    private static final String SHORT = """
            {"name": "short", "model": "SEQUENTIAL", "tasks": 2, "warmups": 0, "repetitions": 1,
             "workload": {"kind": "io.sleep", "params": {"millis": 50}}}""";

    private record Timed(Response response, Duration took) {}

    @Test
    void requestsAnswer503QuicklyDuringTheOutageAndTheExperimentRunningThroughItSucceeds() throws Exception {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        TestPostgres.Freezer freezer = TestPostgres.freezer().orElse(null);
        assumeTrue(freezer != null, "a server given by " + TestPostgres.URL_VARIABLE + " cannot be frozen from here");
        try (LabNode node = LabNode.start("node-a", database, Duration.ofSeconds(30))) {
            LabApi api = node.api;
            // One task sleeping 6 s on one thread: its checksum is 1, whichever way it is stored.
            String through = api.submit("""
                    {"name": "through the outage", "model": "THREADS", "parallelism": 1, "tasks": 1, "warmups": 0,
                     "repetitions": 1, "workload": {"kind": "io.sleep", "params": {"millis": 6000}}}""");
            String queuedBefore = api.submit(SHORT);
            api.awaitStatus(through, "RUNNING", FINISH);

            long frozenAt = System.nanoTime();
            try (AutoCloseable thaw = freezer.freeze()) {
                Timed submit = timed(api, HttpRequest.newBuilder(uri(node, "/api/v1/experiments"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(SHORT)));
                assertUnavailable(submit);

                Timed health = timed(api.as(null), HttpRequest.newBuilder(uri(node, "/actuator/health")).GET());
                assertThat(health.response().status()).as(health.response().body()).isEqualTo(503);
                assertThat(health.response().json().get("status").asString()).isEqualTo("DOWN");
                assertThat(health.took()).isLessThan(ANSWER);

                assertUnavailable(timed(api, HttpRequest.newBuilder(uri(node, "/api/v1/experiments/" + through)).GET()));
                // The token of someone never seen is looked up in the database too: 503, not 401.
                assertUnavailable(timed(api.as("someone-else-0123456789-0123456789-abcdef"),
                        HttpRequest.newBuilder(uri(node, "/api/v1/catalog/models")).GET()));
                // The API description needs no database.
                assertThat(timed(api.as(null), HttpRequest.newBuilder(uri(node, "/v3/api-docs")).GET()).response().status())
                        .isEqualTo(200);

                // The experiment's run ends during the outage; its outcome cannot be stored yet.
                await("the run to end while the database is frozen").atMost(OUTAGE)
                        .until(() -> node.count("lab.runs.finished") == 1);
                assertThat(node.count("lab.experiments.finished")).isZero();

                // For the rest of the outage, submits keep being refused promptly.
                Duration left = OUTAGE.minus(Duration.ofNanos(System.nanoTime() - frozenAt));
                if (left.isPositive()) {
                    await().during(left).atMost(left.plus(ANSWER.multipliedBy(2))).pollInterval(Duration.ofSeconds(1))
                            .until(() -> {
                                assertUnavailable(timed(api, HttpRequest.newBuilder(uri(node, "/api/v1/experiments"))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(SHORT))));
                                return true;
                            });
                }
            }

            JsonNode survived = api.awaitFinished(through, FINISH);
            assertThat(survived.get("status").asString()).as(survived.toString()).isEqualTo("SUCCEEDED");
            assertThat(survived.get("nodeId").asString()).isEqualTo("node-a");
            assertThat(survived.at("/result/runs")).hasSize(1);
            assertThat(survived.at("/result/summary/checksum").asLong()).isEqualTo(1);
            assertThat(survived.at("/result/runs/0/wallMillis").asDouble()).isGreaterThanOrEqualTo(6000);
            await("health UP again").atMost(Duration.ofSeconds(10))
                    .until(() -> api.as(null).get("/actuator/health").status() == 200);

            JsonNode queued = api.awaitFinished(queuedBefore, FINISH);
            assertThat(queued.get("status").asString()).as(queued.toString()).isEqualTo("SUCCEEDED");
            String after = api.submit(SHORT);
            assertThat(api.awaitFinished(after, FINISH).get("status").asString()).isEqualTo("SUCCEEDED");
            // Three accepted: the two before the outage and the one after; none of those refused in between.
            assertThat(api.get("/api/v1/experiments").json().get("totalItems").asLong()).isEqualTo(3);
            assertThat(node.count("lab.experiments.finished")).isEqualTo(3);
        }
    }

    private static void assertUnavailable(Timed timed) {
        Response response = timed.response();
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.json().get("detail").asString()).contains("database");
        assertThat(timed.took()).as("answered within %s", ANSWER).isLessThan(ANSWER);
    }

    private static Timed timed(LabApi api, HttpRequest.Builder request) {
        long sent = System.nanoTime();
        // A bound on the client too: a request that hangs fails the test instead of holding it.
        Response response = api.send(request.timeout(Duration.ofSeconds(30)).build());
        return new Timed(response, Duration.ofNanos(System.nanoTime() - sent));
    }

    private static URI uri(LabNode node, String path) {
        return URI.create("http://127.0.0.1:" + node.port() + path);
    }
}
