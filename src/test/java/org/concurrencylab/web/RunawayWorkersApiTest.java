package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Catalog workloads on worker JVMs whose limits are set low: a worker that runs into one fails its
 * experiment with a reason naming the limit and its setting, while the server answers its health
 * checks throughout and runs the next experiment as usual. (Each limit, provoked on its own, is in
 * execution.WorkerLimitsTest.)
 */
@TestPropertySource(properties = {"lab.limits.workers.file-size-mb=1", "lab.limits.workers.cpu-seconds=2"})
class RunawayWorkersApiTest extends LabServerTest {

    private static final Duration FINISH = Duration.ofSeconds(120);
    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT");

    @Test
    void aWorkerWritingPastItsFileSizeLimitFailsItsExperimentNamingTheLimit() {
        assertFailsNaming("""
                {"model": "PROCESSES", "parallelism": 1, "tasks": 2, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.file", "params": {"bytes": 4194304}}}""",
                "cannot write task-0.bin: File too large",
                "ran into its file size limit (lab.limits.workers.file-size-mb = 1 MiB)");
    }

    @Test
    void aWorkerBusyPastItsCpuTimeFailsItsExperimentNamingTheLimit() {
        // Far more than 2 s of counting on one worker.
        assertFailsNaming("""
                {"model": "PROCESSES", "parallelism": 1, "tasks": 16, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "cpu.primes", "params": {"size": 10000000}}}""",
                "exceeded its CPU time limit of 2 s (lab.limits.workers.cpu-seconds", "exit code 152");
    }

    /** The experiment fails with a reason holding each of {@code reason}; then the next one runs as usual. */
    private void assertFailsNaming(String spec, String... reason) {
        JsonNode failed = finishedWhileHealthy(api.submit(spec));

        assertThat(failed.get("status").asString()).as(failed.toString()).isEqualTo("FAILED");
        assertThat(failed.get("statusReason").asString()).contains(reason);
        JsonNode next = api.awaitFinished(api.submit("""
                {"model": "PROCESSES", "parallelism": 2, "tasks": 4, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "cpu.primes", "params": {"size": 1000}}}"""), FINISH);
        assertThat(next.get("status").asString()).as(next.toString()).isEqualTo("SUCCEEDED");
        assertThat(next.at("/result/runs/0/workerPids")).hasSize(2);
    }

    /** Waits for the experiment's end, asking for health meanwhile: every answer must be UP. */
    private JsonNode finishedWhileHealthy(String id) {
        List<String> health = new ArrayList<>();
        await().atMost(FINISH).pollInterval(Duration.ofMillis(200)).until(() -> {
            health.add(api.as(null).get("/actuator/health").json().get("status").asString());
            return TERMINAL.contains(api.experiment(id).get("status").asString());
        });
        assertThat(health).isNotEmpty().containsOnly("UP");
        return api.experiment(id);
    }
}
