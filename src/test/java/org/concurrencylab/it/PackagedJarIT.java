package org.concurrencylab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.concurrencylab.support.LabApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance checks of the packaged product, done as a user would: {@code java -jar
 * target/concurrency-lab.jar} in a process of its own, real HTTP on 127.0.0.1, and the operating
 * system's view of the processes it starts. One server serves the first checks; the crash check
 * SIGKILLs it and starts a second one on the same database file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedJarIT {

    private static final Path LOGS = Path.of("target", "packaged-jar-it");
    private static final Duration SHORT_RUN = Duration.ofSeconds(60);
    // Each PROCESSES run starts fresh worker JVMs; on 2 busy cores that can take a few seconds.
    private static final Duration WORKERS_UP = Duration.ofSeconds(45);
    private static final Duration WORKERS_GONE = Duration.ofSeconds(30);
    private static final int WORKERS = 2;

    private static final String LONG_PROCESSES = """
            {"model": "PROCESSES", "parallelism": 2, "tasks": 4,
             "workload": {"kind": "io.sleep", "params": {"millis": 60000}},
             "warmups": 0, "repetitions": 1, "timeLimitSeconds": 120}""";

    @TempDir
    static Path temp;

    private PackagedServer server;
    private final List<PackagedServer> started = new ArrayList<>();
    // Every worker PID seen, so cleanup can find workers that outlived a killed server.
    private final Set<Long> workersSeen = new HashSet<>();
    /** A SUCCEEDED PROCESSES experiment of the first server, as the API showed it then. */
    private JsonNode earlierSucceeded;

    /** Appends the tail of the server log to any failure, so the reason is in the report. */
    @RegisterExtension
    final TestExecutionExceptionHandler serverLogOnFailure = new TestExecutionExceptionHandler() {
        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
            if (server != null) {
                failure.addSuppressed(new AssertionError("tail of " + server.log() + ":\n" + server.logTail(80)));
            }
            throw failure;
        }
    };

    @BeforeAll
    void startServer() throws IOException {
        server = start("first");
    }

    @AfterAll
    void stopEverything() {
        started.forEach(PackagedServer::kill);
        workersSeen.forEach(PackagedServer::killStrayWorker);
    }

    @Test
    @Order(1)
    void everyModelRunsFromTheJarAndComputesTheSameChecksum() {
        LabApi api = server.api();
        Map<String, String> ids = new LinkedHashMap<>();
        // Submitted together: they queue and run one at a time.
        ids.put("SEQUENTIAL", api.submit(primes("SEQUENTIAL", 1)));
        ids.put("THREADS", api.submit(primes("THREADS", 2)));
        ids.put("PROCESSES", api.submit(primes("PROCESSES", 2)));

        Map<String, Long> checksums = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : ids.entrySet()) {
            JsonNode experiment = api.awaitFinished(entry.getValue(), SHORT_RUN);
            assertThat(experiment.get("status").asString()).as("%s: %s", entry.getKey(), experiment).isEqualTo("SUCCEEDED");
            long summary = experiment.get("result").get("summary").get("checksum").asLong();
            JsonNode runs = experiment.get("result").get("runs");
            assertThat(runs).as("%s runs", entry.getKey()).hasSize(2);
            for (JsonNode run : runs) {
                assertThat(run.get("model").asString()).isEqualTo(entry.getKey());
                assertThat(run.get("checksum").asLong()).as("%s run checksum", entry.getKey()).isEqualTo(summary);
            }
            checksums.put(entry.getKey(), summary);
        }
        assertThat(Set.copyOf(checksums.values())).as("summary checksums %s", checksums).hasSize(1);
        assertThat(checksums.get("SEQUENTIAL")).isPositive();

        JsonNode processes = api.experiment(ids.get("PROCESSES"));
        List<Long> allPids = new ArrayList<>();
        for (JsonNode run : processes.get("result").get("runs")) {
            assertThat(run.get("startupMillis").asDouble()).as("startupMillis of %s", run).isPositive();
            List<Long> pids = run.get("workerPids").valueStream().map(JsonNode::asLong).toList();
            assertThat(pids).as("workerPids of %s", run).hasSize(WORKERS).doesNotHaveDuplicates()
                    .doesNotContain(server.pid()).allMatch(pid -> pid > 0);
            allPids.addAll(pids);
        }
        workersSeen.addAll(allPids);
        // Fresh workers per repetition, and none of them outlives its run.
        assertThat(allPids).doesNotHaveDuplicates();
        assertThat(allPids).allMatch(PackagedServer::workerGone, "worker is gone");
        assertThat(server.descendantPids()).isEmpty();
        earlierSucceeded = processes;
    }

    @Test
    @Order(2)
    void cancelStopsTheWholeWorkerTree() {
        LabApi api = server.api();
        String id = api.submit(LONG_PROCESSES);
        Set<Long> workers = awaitRunningWithWorkers(id);

        LabApi.Response cancel = api.post("/api/v1/experiments/" + id + "/cancel", "");
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        assertThat(cancel.json().get("status").asString()).as(cancel.body()).isEqualTo("CANCELLED");
        assertThat(api.experiment(id).get("status").asString()).isEqualTo("CANCELLED");

        await("no process left under the server").atMost(WORKERS_GONE)
                .until(() -> server.descendantPids().isEmpty());
        assertThat(workers).allMatch(PackagedServer::workerGone, "worker is dead");
    }

    @Test
    @Order(3)
    void aCrashLeavesNoOrphansAndTheRestartedServerKeepsItsPromises() throws IOException {
        assertThat(earlierSucceeded).as("the SUCCEEDED experiment of the first check").isNotNull();
        LabApi api = server.api();
        String crashed = api.submit(LONG_PROCESSES);
        Set<Long> workers = awaitRunningWithWorkers(crashed);
        String queued = api.submit(primes("PROCESSES", 2));
        assertThat(api.experiment(queued).get("status").asString()).isEqualTo("QUEUED");

        server.process().destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup of any kind
        await("the server to die").atMost(Duration.ofSeconds(30)).until(() -> !server.process().isAlive());
        // The workers' stdin closed with the server: each must halt by itself.
        await("the orphaned workers " + workers + " to exit by themselves").atMost(WORKERS_GONE)
                .until(() -> workers.stream().allMatch(PackagedServer::workerGone));

        server = start("restarted");
        api = server.api();
        for (String accepted : List.of(crashed, queued)) {
            LabApi.Response stored = api.get("/api/v1/experiments/" + accepted);
            assertThat(stored.status()).as("experiment %s, answered 202 before the crash: %s", accepted, stored.body())
                    .isEqualTo(200);
        }

        // The very first answer of the restarted server already tells the truth: the dispatcher fails
        // abandoned experiments before the web server starts taking requests.
        JsonNode afterCrash = api.experiment(crashed);
        assertThat(afterCrash.get("status").asString()).as("%s", afterCrash).isEqualTo("FAILED");
        assertThat(afterCrash.get("statusReason").asString()).contains("interrupted");

        JsonNode ranAfterRestart = api.awaitFinished(queued, SHORT_RUN);
        assertThat(ranAfterRestart.get("status").asString()).as("%s", ranAfterRestart).isEqualTo("SUCCEEDED");
        for (JsonNode run : ranAfterRestart.get("result").get("runs")) {
            List<Long> pids = run.get("workerPids").valueStream().map(JsonNode::asLong).toList();
            workersSeen.addAll(pids);
            assertThat(pids).hasSize(WORKERS).doesNotContain(server.pid());
        }

        JsonNode earlier = api.experiment(earlierSucceeded.get("id").asString());
        assertThat(earlier.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(earlier.get("result")).isEqualTo(earlierSucceeded.get("result"));
        assertThat(earlier).isEqualTo(earlierSucceeded);

        assertThat(ranAfterRestart.get("result").get("summary").get("checksum").asLong())
                .isEqualTo(earlierSucceeded.get("result").get("summary").get("checksum").asLong());
    }

    /** Waits until the experiment is RUNNING and all its worker JVMs exist; returns their PIDs. */
    private Set<Long> awaitRunningWithWorkers(String id) {
        server.api().awaitStatus(id, "RUNNING", SHORT_RUN);
        await("the worker JVMs of " + id).atMost(WORKERS_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> server.descendantPids().size() >= WORKERS);
        Set<Long> workers = server.descendantPids();
        workersSeen.addAll(workers);
        assertThat(workers).hasSize(WORKERS).doesNotContain(server.pid());
        assertThat(server.api().experiment(id).get("status").asString()).isEqualTo("RUNNING");
        return workers;
    }

    private PackagedServer start(String name) throws IOException {
        PackagedServer launched = PackagedServer.start(temp.resolve("lab"), temp.resolve("workers"),
                LOGS.resolve(name + ".log"));
        started.add(launched);
        // The packaged server builds the worker AOT cache in the background and says when it is ready.
        await("the worker AOT cache").atMost(Duration.ofMinutes(2)).until(() ->
                launched.api().get("/api/v1/system").json().at("/workers/aotCache").asString().equals("ready"));
        launched.awaitIdle();
        return launched;
    }

    /** PROCESSES runs ask for fresh workers per repetition, so every run shows its own start-up and PIDs. */
    private static String primes(String model, int parallelism) {
        return """
                {"model": "%s", "parallelism": %d, "tasks": 4,%s
                 "workload": {"kind": "cpu.primes", "params": {"size": 20000}},
                 "warmups": 0, "repetitions": 2, "baseline": false, "timeLimitSeconds": 60}"""
                .formatted(model, parallelism, model.equals("PROCESSES") ? " \"reuseWorkers\": false," : "");
    }
}
