package org.concurrencylab.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.concurrencylab.ConcurrencyLabApplication;
import org.concurrencylab.support.LabApi;
import org.concurrencylab.support.LabApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One lab on PostgreSQL: the migrations apply to an empty database, and experiments and studies
 * are submitted, run, read, listed and cancelled over HTTP as on the embedded H2 default.
 */
@SpringBootTest(classes = ConcurrencyLabApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"lab.execution.worker-kill-grace=1s", "lab.limits.workers.aot-cache=false",
            LabApi.BOOTSTRAP_PROPERTY})
@DirtiesContext
class PostgresLabTest {

    private static final Duration FINISH = Duration.ofSeconds(60);
    private static final Set<String> STUDY_DONE = Set.of("SUCCEEDED", "FAILED", "PARTIAL", "CANCELLED");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        database.springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    LabApi api;

    @BeforeEach
    void connect() {
        api = new LabApi(port);
    }

    @Test
    void everyMigrationAppliesToAnEmptyPostgresDatabase() throws Exception {
        assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
        // SQL migrations and Java ones (V4 rewrites stored JSON), both found where Flyway looks.
        Pattern version = Pattern.compile("V(\\d+)__.*\\.(sql|class)");
        List<String> shipped = Arrays.stream(new PathMatchingResourcePatternResolver()
                        .getResources("classpath*:db/migration/V*__*.*"))
                .map(Resource::getFilename)
                .map(version::matcher)
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
                .toList();
        assertThat(shipped).isNotEmpty();

        List<String> applied = jdbc.sql("""
                select version from flyway_schema_history
                where version is not null and success order by installed_rank""").query(String.class).list();
        assertThat(applied).isEqualTo(shipped);
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where not success").query(Long.class).single())
                .isZero();
    }

    @Test
    void anExperimentIsSubmittedRunReadAndListed() {
        Response submitted = api.post("/api/v1/experiments", """
                {"name": "primes on postgres", "model": "THREADS", "parallelism": 2, "tasks": 6,
                 "workload": {"kind": "cpu.primes", "params": {"size": 3000}},
                 "warmups": 1, "repetitions": 2, "baseline": true, "timeLimitSeconds": 60}""");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String id = submitted.json().get("id").asString();
        assertThat(submitted.header("Location")).endsWith("/api/v1/experiments/" + id);
        assertThat(submitted.json().get("status").asString()).isEqualTo("QUEUED");

        JsonNode done = api.awaitFinished(id, FINISH);

        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("name").asString()).isEqualTo("primes on postgres");
        assertThat(done.get("nodeId").asString()).isNotBlank();
        assertThat(done.get("startedAt").asString()).isNotBlank();
        assertThat(done.get("finishedAt").asString()).isNotBlank();
        // Timestamps went through "timestamp with time zone" and came back in order.
        Instant created = Instant.parse(done.get("createdAt").asString());
        Instant started = Instant.parse(done.get("startedAt").asString());
        assertThat(created).isBeforeOrEqualTo(started).isBeforeOrEqualTo(Instant.parse(done.get("finishedAt").asString()));
        assertThat(done.get("queueWaitMillis").asLong()).isNotNegative();
        JsonNode result = done.get("result");
        assertThat(result.get("runs")).hasSize(6);
        assertThat(result.at("/summary/checksum").asLong()).isPositive();
        assertThat(result.at("/summary/speedup").asDouble()).isPositive();
        assertThat(api.get("/api/v1/experiments/" + id + "/runs.csv").status()).isEqualTo(200);

        JsonNode filtered = api.get("/api/v1/experiments?status=SUCCEEDED&model=THREADS&workload=cpu.primes&size=50")
                .json();
        assertThat(filtered.get("items").findValuesAsString("id")).contains(id);
        assertThat(api.get("/api/v1/experiments?model=PROCESSES").json().get("items").findValuesAsString("id"))
                .doesNotContain(id);
    }

    @Test
    void theListIsNewestFirstAndPaged() {
        String first = api.submit(shortSleep());
        String second = api.submit(shortSleep());
        String third = api.submit(shortSleep());
        for (String id : List.of(first, second, third)) {
            assertThat(api.awaitFinished(id, FINISH).get("status").asString()).isEqualTo("SUCCEEDED");
        }

        JsonNode page0 = api.get("/api/v1/experiments?workload=io.sleep&size=2&page=0").json();
        JsonNode page1 = api.get("/api/v1/experiments?workload=io.sleep&size=2&page=1").json();
        List<String> newestFirst = List.of(third, second, first);
        List<String> listed = new java.util.ArrayList<>(page0.get("items").findValuesAsString("id"));
        listed.addAll(page1.get("items").findValuesAsString("id"));
        assertThat(listed).containsSubsequence(newestFirst);
        assertThat(page0.get("items")).hasSize(2);
        assertThat(page0.get("totalItems").asLong()).isEqualTo(page1.get("totalItems").asLong()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void runningAndQueuedExperimentsAreCancelled() {
        String running = api.submit(longSleep());
        api.awaitStatus(running, "RUNNING", FINISH);
        String queued = api.submit(longSleep());

        Response cancelQueued = api.post("/api/v1/experiments/" + queued + "/cancel", "");
        assertThat(cancelQueued.status()).isEqualTo(200);
        assertThat(cancelQueued.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelQueued.json().get("statusReason").asString()).contains("before it started");

        Response cancelRunning = api.post("/api/v1/experiments/" + running + "/cancel", "");
        assertThat(cancelRunning.status()).isEqualTo(200);
        assertThat(cancelRunning.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(api.experiment(running).get("statusReason").asString()).contains("cancelled");
        assertThat(api.post("/api/v1/experiments/" + running + "/cancel", "").status()).isEqualTo(409);
    }

    @Test
    void aStudyRunsItsCellsAndIsCancelled() {
        Response submitted = api.post("/api/v1/studies", """
                {"name": "sleep scaling", "workload": {"kind": "io.sleep", "params": {"millis": 20}},
                 "models": ["THREADS", "GIL"], "parallelism": [1, 2], "tasks": 4, "warmups": 0, "repetitions": 1,
                 "timeLimitSeconds": 60}""");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String id = submitted.json().get("id").asString();

        await().atMost(FINISH).pollInterval(Duration.ofMillis(100))
                .until(() -> STUDY_DONE.contains(api.get("/api/v1/studies/" + id).json().get("status").asString()));
        JsonNode study = api.get("/api/v1/studies/" + id).json();
        assertThat(study.get("status").asString()).as(study.toString()).isEqualTo("SUCCEEDED");
        assertThat(study.at("/progress/done").asInt()).isEqualTo(4);
        assertThat(study.get("table")).hasSize(4);
        for (JsonNode row : study.get("table")) {
            JsonNode cell = api.experiment(row.get("experimentId").asString());
            assertThat(cell.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(cell.at("/result/summary/checksum").asLong()).isEqualTo(1 + 2 + 3 + 4);
        }
        Response csv = api.get("/api/v1/studies/" + id + "/results.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines()).hasSize(5);
        // Listing derives each study's status from its cells' with one join: the same on PostgreSQL.
        JsonNode listed = api.get("/api/v1/studies?workload=io.sleep&status=SUCCEEDED&size=100").json();
        assertThat(listed.get("items").toString()).contains(id);

        Response longStudy = api.post("/api/v1/studies", """
                {"workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "models": ["THREADS", "GIL"],
                 "parallelism": [2], "tasks": 2, "warmups": 0, "repetitions": 1, "timeLimitSeconds": 600}""");
        assertThat(longStudy.status()).as(longStudy.body()).isEqualTo(202);
        String cancelled = longStudy.json().get("id").asString();
        assertThat(api.post("/api/v1/studies/" + cancelled + "/cancel", "").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                api.get("/api/v1/studies/" + cancelled).json().get("status").asString().equals("CANCELLED"));
        api.get("/api/v1/studies/" + cancelled).json().get("table").forEach(row -> assertThat(
                api.experiment(row.get("experimentId").asString()).get("status").asString()).isEqualTo("CANCELLED"));
    }

    private static String shortSleep() {
        return """
                {"model": "SEQUENTIAL", "tasks": 1, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 1}}}""";
    }

    private static String longSleep() {
        return """
                {"model": "THREADS", "parallelism": 2, "tasks": 2, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 120}""";
    }
}
