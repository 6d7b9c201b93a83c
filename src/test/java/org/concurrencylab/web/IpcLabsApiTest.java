package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Multiprocessing's shared state over HTTP: ipc.shared, ipc.queue and ipc.manager run on worker
 * JVMs, keep their invariants, leave no shared region behind, and are refused in-process with a
 * pointer to the in-process lab that shows the same idea.
 */
class IpcLabsApiTest extends LabServerTest {

    private static final String WAIT = "/api/v1/experiments?waitSeconds=60";

    @ParameterizedTest
    @CsvSource({"ipc.shared, THREADS, sync.counter", "ipc.manager, GIL, sync.counter",
            "ipc.queue, VIRTUAL_THREADS, sync.queue"})
    void eachIsRefusedInProcessNamingItsInProcessCounterpart(String kind, String model, String counterpart) {
        Response response = api.post(WAIT, """
                {"model": "%s", "parallelism": 2, "workload": {"kind": "%s"}}""".formatted(model, kind));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("errors").get(0).get("field").asString()).isEqualTo("model");
        assertThat(response.json().get("detail").asString()).contains(kind).contains(model).contains(counterpart);
    }

    @Test
    void aLockedSharedCounterIsExactAcrossWorkerProcessesAndItsRegionIsGone() {
        JsonNode experiment = succeeded("""
                {"model": "PROCESSES", "parallelism": 2, "warmups": 0, "repetitions": 2, "timeLimitSeconds": 60,
                 "workload": {"kind": "ipc.shared", "params": {"increments": 5000, "strategy": "lock"}}}""");

        for (JsonNode run : experiment.at("/result/runs")) {
            JsonNode observations = run.get("observations");
            assertThat(observations.get("strategy").asString()).isEqualTo("lock");
            assertThat(observations.get("expected").asLong()).isEqualTo(10_000);
            assertThat(observations.get("observed").asLong()).isEqualTo(10_000);
            assertThat(observations.get("lostUpdates").asLong()).isZero();
        }
        assertThat(experiment.at("/result/summary/checksum").asLong()).isEqualTo(10_000);
        assertThat(regions()).isEmpty();
    }

    @Test
    void theManagedCounterIsExactAndReportsOperationsPerSecond() {
        JsonNode experiment = succeeded("""
                {"model": "PROCESSES", "parallelism": 2, "warmups": 0, "repetitions": 1, "timeLimitSeconds": 60,
                 "workload": {"kind": "ipc.manager", "params": {"operations": 2000}}}""");

        JsonNode observations = experiment.at("/result/runs/0/observations");
        assertThat(observations.get("observed").asLong()).isEqualTo(4_000);
        assertThat(observations.get("lostUpdates").asLong()).isZero();
        assertThat(observations.get("operationsPerSecond").asLong()).isPositive();
        assertThat(observations.get("roundTripMicrosP50").asDouble()).isPositive();
    }

    @Test
    void theQueueAcrossProcessesLosesAndDuplicatesNothing() {
        // No tasks or parallelism given: the cast of 2 producers and 1 consumer sets both.
        JsonNode experiment = succeeded("""
                {"model": "PROCESSES", "warmups": 0, "repetitions": 1, "timeLimitSeconds": 60,
                 "workload": {"kind": "ipc.queue", "params": {"items": 5000, "payloadBytes": 32}}}""");

        assertThat(experiment.get("tasks").asInt()).isEqualTo(3);
        JsonNode observations = experiment.at("/result/runs/0/observations");
        assertThat(observations.get("produced").asLong()).isEqualTo(5_000);
        assertThat(observations.get("consumed").asLong()).isEqualTo(5_000);
        assertThat(observations.get("lost").asLong()).isZero();
        assertThat(observations.get("duplicated").asLong()).isZero();
        assertThat(observations.get("itemsPerSecond").asLong()).isPositive();
    }

    @Test
    void aCancelledSharedCounterExperimentLeavesNoRegion() {
        String id = api.submit("""
                {"model": "PROCESSES", "parallelism": 2, "warmups": 0, "repetitions": 1, "timeLimitSeconds": 120,
                 "workload": {"kind": "ipc.shared", "params": {"increments": 10000000, "strategy": "lock"}}}""");
        api.awaitStatus(id, "RUNNING", Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> !regions().isEmpty());

        api.post("/api/v1/experiments/" + id + "/cancel", "");

        assertThat(api.awaitFinished(id, Duration.ofSeconds(30)).get("status").asString()).isEqualTo("CANCELLED");
        await().atMost(Duration.ofSeconds(10)).until(() -> regions().isEmpty());
    }

    private JsonNode succeeded(String spec) {
        Response response = api.post(WAIT, spec);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode experiment = response.json();
        assertThat(experiment.get("status").asString()).as(response.body()).isEqualTo("SUCCEEDED");
        return experiment;
    }

    /** The shared regions this server (this JVM) has made and not yet removed. */
    private static List<Path> regions() {
        String mine = "concurrency-lab-io-" + ProcessHandle.current().pid() + "-";
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith(mine))
                    .filter(p -> Files.exists(p.resolve("shared-counter"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
