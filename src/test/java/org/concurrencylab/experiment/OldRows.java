package org.concurrencylab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.measure.Environment;
import org.concurrencylab.measure.ExperimentResult;
import org.concurrencylab.measure.Warning;
import org.concurrencylab.security.LabUser;
import org.concurrencylab.security.Role;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Experiments stored by earlier versions of the lab, in the shapes their code wrote (the records at
 * commit 146cd09 and before), put into a database at V3, migrated to the latest version and read
 * back through the repository. Shared by the H2 and the PostgreSQL test, since V4 must work on both.
 */
public final class OldRows {

    /** Stored before V3's list columns, before models had options and before warnings and outliers. */
    static final String FIRST = "00000000-0000-0000-0000-000000000001";
    /** Stored at 146cd09: options as the flat record of seven, warnings as plain strings. */
    static final String CODELESS = "00000000-0000-0000-0000-000000000002";
    /** Queued before V3, never run: no result. */
    static final String QUEUED = "00000000-0000-0000-0000-000000000003";

    /** Sees every experiment, those stored before the lab had users too. */
    private static final LabUser ADMIN = new LabUser("admin-id", "admin", Role.ADMIN, null, Instant.EPOCH);
    /** Sees none of them: rows from before V6 have no owner and belong to the admins. */
    private static final LabUser STUDENT = new LabUser("student-id", "student", Role.STUDENT, null, Instant.EPOCH);

    static final String FEW_RUNS = "Only 1 measured run of FORK_JOIN: at least 3 are needed before the spread, the"
            + " intervals and the outliers mean much; raise the repetitions.";
    static final String LOADED = "The machine's load average was 5.00 when the experiment started, above its 2"
            + " available processors: other work competed for the CPUs, so the times are likely inflated and the"
            + " speedup understated.";

    private static final String V1_SPEC = """
            {"name":"primes on processes","model":"PROCESSES","parallelism":2,"tasks":8,\
            "workload":{"kind":"cpu.primes","params":{"size":20000}},"warmups":0,"repetitions":3,\
            "baseline":false,"timeLimitSeconds":120}""";
    private static final String V1_RESULT = """
            {"complete":true,"runs":[{"index":0,"warmup":false,"baseline":false,"model":"PROCESSES",\
            "wallMillis":50.0,"cpuMillis":98.5,"tasks":8,"throughputPerSecond":160.0,\
            "taskMillis":{"p50":12.0,"p90":13.0,"p99":13.5,"max":13.5},"startupMillis":310.0,"checksum":42,\
            "workerPids":[101,102]}],\
            "summary":{"wallMillis":{"n":1,"mean":50.0,"median":50.0,"stdDev":0.0,"min":50.0,"max":50.0},\
            "throughputPerSecond":160.0,"checksum":42},\
            "environment":{"availableProcessors":2,"javaVersion":"21.0.5","javaVendor":"Eclipse Adoptium",\
            "vmName":"OpenJDK 64-Bit Server VM","jvmFlags":["-Xmx512m"],"osName":"Linux","osArch":"amd64",\
            "systemLoadAverage":0.5,"nodeId":"node-a"}}""";

    private static final String CODELESS_SPEC = """
            {"name":"primes on fork-join","model":"FORK_JOIN","parallelism":2,"tasks":8,\
            "workload":{"kind":"cpu.primes","params":{"size":20000}},"warmups":1,"repetitions":1,\
            "baseline":true,"timeLimitSeconds":120,"options":{"stages":0,"threshold":4,"switchIntervalMillis":5,\
            "reuseWorkers":true,"chunkSize":1,"maxTasksPerWorker":0,"aotCache":true}}""";
    private static final String CODELESS_SUMMARY = """
            {"wallMillis":{"n":1,"mean":52.25,"median":52.25,"stdDev":0.0,"min":52.25,"max":52.25,"outliers":[]},\
            "throughputPerSecond":153.11,"checksum":42,\
            "baselineWallMillis":{"n":1,"mean":100.5,"median":100.5,"stdDev":0.0,"min":100.5,"max":100.5,\
            "outliers":[]},"speedup":1.923,"efficiency":0.962,"serialFraction":0.04,"coldRunWallMillis":80.0,\
            "warnings":["%s","%s"]}""".formatted(FEW_RUNS, LOADED);
    private static final String CODELESS_RESULT = """
            {"complete":true,"runs":[{"index":0,"warmup":false,"baseline":true,"model":"SEQUENTIAL",\
            "wallMillis":100.5,"cpuMillis":99.0,"tasks":8,"throughputPerSecond":79.602,\
            "taskMillis":{"p50":12.5,"p90":13.0,"p99":13.1,"max":13.1},\
            "queueWaitMillis":{"p50":50.0,"p90":88.0,"p99":88.0,"max":88.0},"checksum":42,\
            "timeline":[[0,0,12500],[0,12510,25000]]},\
            {"index":1,"warmup":false,"baseline":false,"model":"FORK_JOIN","wallMillis":52.25,"cpuMillis":101.5,\
            "tasks":8,"throughputPerSecond":153.11,"taskMillis":{"p50":12.5,"p90":13.0,"p99":13.2,"max":13.2},\
            "queueWaitMillis":{"p50":20.0,"p90":40.0,"p99":40.0,"max":40.0},"checksum":42,\
            "observations":{"parallelism":2,"steals":3},"timeline":[[0,0,12500],[1,5,12400]]}],\
            "summary":%s,"observations":{"parallelism":2,"steals":3},\
            "environment":{"availableProcessors":2,"javaVersion":"21.0.5","javaVendor":"Eclipse Adoptium",\
            "vmName":"OpenJDK 64-Bit Server VM","jvmFlags":[],"osName":"Linux","osArch":"amd64",\
            "systemLoadAverage":5.0,"nodeId":"node-b"},\
            "interpretation":"FORK_JOIN ran 1.92x faster than SEQUENTIAL on 2 workers."}"""
            .formatted(CODELESS_SUMMARY);

    private static final String QUEUED_SPEC = """
            {"name":"sleep under the lock","model":"GIL","parallelism":4,"tasks":16,\
            "workload":{"kind":"io.sleep","params":{"millis":10}},"warmups":1,"repetitions":3,\
            "baseline":false,"timeLimitSeconds":60}""";

    private OldRows() {}

    /** Builds the database to V3, stores the old rows, migrates it to the latest version and checks them. */
    public static void migrateAndCheck(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).target("3").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        insert(jdbc, FIRST, "SUCCEEDED", V1_SPEC, V1_RESULT, null, null, null, 1);
        insert(jdbc, CODELESS, "SUCCEEDED", CODELESS_SPEC, CODELESS_RESULT, CODELESS_SUMMARY, 2, 8, 2);
        insert(jdbc, QUEUED, "QUEUED", QUEUED_SPEC, null, null, null, null, 3);

        Flyway.configure().dataSource(dataSource).load().migrate();

        check(jdbc, new ExperimentRepository(jdbc));
    }

    private static void check(JdbcClient jdbc, ExperimentRepository repository) {
        Experiment first = repository.findById(FIRST).orElseThrow();
        assertThat(first.spec().options().values()).containsExactly(Map.entry("reuseWorkers", true),
                Map.entry("chunkSize", 1), Map.entry("maxTasksPerWorker", 0), Map.entry("aotCache", true));
        assertThat(first.spec().workload().params()).isEqualTo(Map.of("size", 20_000L));
        ExperimentResult firstResult = first.result();
        assertThat(firstResult.summary().warnings()).isEmpty();
        assertThat(firstResult.summary().wallMillis().outliers()).isEmpty();
        assertThat(firstResult.summary().wallMillis().median()).isEqualTo(50.0);
        assertThat(firstResult.runs()).singleElement().satisfies(run -> {
            assertThat(run.startupMillis()).isEqualTo(310.0);
            assertThat(run.workerPids()).containsExactly(101L, 102L);
            assertThat(run.cpuMillis()).isEqualTo(98.5);
            assertThat(run.queueWaitMillis()).isNull();
            assertThat(run.timeline()).isNull();
        });
        assertThat(firstResult.plainObservations()).isEmpty();
        assertThat(firstResult.interpretation()).isNull();

        Experiment codeless = repository.findById(CODELESS).orElseThrow();
        assertThat(codeless.spec().model()).isEqualTo(ExecutionModel.FORK_JOIN);
        assertThat(codeless.spec().options().values()).isEqualTo(Map.of("threshold", 4));
        ExperimentResult result = codeless.result();
        assertThat(result.summary().warnings()).containsExactly(new Warning(Warning.Code.UNCODED, FEW_RUNS),
                new Warning(Warning.Code.UNCODED, LOADED));
        assertThat(result.summary().speedup()).isEqualTo(1.923);
        assertThat(result.summary().coldRunWallMillis()).isEqualTo(80.0);
        assertThat(result.runs().get(1).observations().plain()).isEqualTo(Map.of("parallelism", 2L, "steals", 3L));
        assertThat(result.runs().get(1).timeline()).containsExactly(new long[] {0, 0, 12500}, new long[] {1, 5, 12400});
        assertThat(result.runs().get(0).queueWaitMillis().p90()).isEqualTo(88.0);
        assertThat(result.plainObservations()).isEqualTo(Map.of("parallelism", 2L, "steals", 3L));
        assertThat(result.environment()).isEqualTo(new Environment(2, "21.0.5", "Eclipse Adoptium",
                "OpenJDK 64-Bit Server VM", List.of(), "Linux", "amd64", 5.0, "node-b"));
        assertThat(result.interpretation()).isEqualTo("FORK_JOIN ran 1.92x faster than SEQUENTIAL on 2 workers.");

        Experiment queued = repository.findById(QUEUED).orElseThrow();
        assertThat(queued.spec().options().values()).isEqualTo(Map.of("switchIntervalMillis", 5));
        assertThat(queued.result()).isNull();

        checkListing(repository);
        checkTodaysShapes(jdbc);
    }

    private static void checkListing(ExperimentRepository repository) {
        JsonMapper json = JsonMapper.builder().build();
        List<ExperimentListing> listed = repository.list(new ExperimentFilter(null, null, null, null), ADMIN, 0, 10);
        assertThat(listed).extracting(ExperimentListing::id).containsExactly(QUEUED, CODELESS, FIRST);
        assertThat(listed).extracting(ExperimentListing::parallelism).containsExactly(4, 2, 2);
        assertThat(listed).extracting(ExperimentListing::tasks).containsExactly(16, 8, 8);
        assertThat(listed.get(0).summaryJson()).isNull();
        JsonNode codeless = json.readTree(listed.get(1).summaryJson());
        assertThat(codeless.at("/warnings/0/code").stringValue()).isEqualTo("UNCODED");
        assertThat(codeless.at("/warnings/1/message").stringValue()).isEqualTo(LOADED);
        JsonNode first = json.readTree(listed.get(2).summaryJson());
        assertThat(first.get("warnings").isEmpty()).isTrue();
        assertThat(first.at("/wallMillis/outliers").isArray()).isTrue();

        // V6: made before the lab had users, they have no owner and are not shared: the admins' alone.
        assertThat(listed).extracting(ExperimentListing::owner).containsOnlyNulls();
        assertThat(listed).extracting(ExperimentListing::shared).containsOnly(false);
        ExperimentFilter all = new ExperimentFilter(null, null, null, null);
        assertThat(repository.list(all, STUDENT, 0, 10)).isEmpty();
        assertThat(repository.count(all, STUDENT)).isZero();
        Experiment unowned = repository.findById(FIRST).orElseThrow();
        assertThat(STUDENT.mayRead(unowned.owner(), unowned.shared())).isFalse();
        assertThat(ADMIN.mayChange(unowned.owner())).isTrue();
    }

    /** Every rewritten column is exactly what today's code writes for the same values. */
    private static void checkTodaysShapes(JdbcClient jdbc) {
        StoredDocuments documents = new StoredDocuments();
        jdbc.sql("select spec, result, summary from experiment").query((rs, row) -> {
            String spec = rs.getString("spec");
            assertThat(documents.writeSpec(documents.readSpec(spec))).isEqualTo(spec);
            String stored = rs.getString("result");
            if (stored != null) {
                ExperimentResult result = documents.readResult(stored);
                assertThat(documents.writeResult(result)).isEqualTo(stored);
                assertThat(rs.getString("summary")).isEqualTo(documents.writeShownSummary(result.summary()));
            }
            return row;
        }).list();
    }

    private static void insert(JdbcClient jdbc, String id, String status, String spec, String result,
            String summary, Integer parallelism, Integer tasks, int day) {
        JsonNode parsed = JsonMapper.builder().build().readTree(spec);
        OffsetDateTime created = OffsetDateTime.of(2026, 11, day, 12, 0, 0, 0, ZoneOffset.UTC);
        jdbc.sql("""
                insert into experiment (id, name, model, workload_kind, status, spec, result, created_at, started_at,
                    finished_at, node_id, summary, parallelism, tasks)
                values (:id, :name, :model, :kind, :status, :spec, :result, :created, :started, :finished, :node,
                    :summary, :parallelism, :tasks)""")
                .param("id", id)
                .param("name", parsed.get("name").stringValue())
                .param("model", parsed.get("model").stringValue())
                .param("kind", parsed.at("/workload/kind").stringValue())
                .param("status", status)
                .param("spec", spec)
                .param("result", result, java.sql.Types.VARCHAR)
                .param("created", created)
                .param("started", result == null ? null : created.plusSeconds(1), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("finished", result == null ? null : created.plusSeconds(5), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("node", result == null ? null : "node-a", java.sql.Types.VARCHAR)
                .param("summary", summary, java.sql.Types.VARCHAR)
                .param("parallelism", parallelism, java.sql.Types.INTEGER)
                .param("tasks", tasks, java.sql.Types.INTEGER)
                .update();
    }
}
