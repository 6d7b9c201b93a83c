package org.concurrencylab.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;

/** What Prometheus scrapes about experiments and workers, named by its conventions and explained. */
class LabMetricsTest extends LabServerTest {

    @Test
    void experimentsAndWorkersAreCountedTimedAndExplained() {
        assertThat(api.post("/api/v1/experiments?waitSeconds=60", """
                {"model": "PROCESSES", "parallelism": 2, "tasks": 4, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "cpu.primes", "params": {"size": 1000}}}""").status()).isEqualTo(200);

        String text = api.get("/actuator/prometheus").body();

        assertThat(text)
                .contains("# HELP lab_experiments_submitted_total ")
                .containsPattern("lab_experiments_submitted_total\\{[^}]*model=\"PROCESSES\"[^}]*workload=\"cpu.primes\"[^}]*} [1-9]")
                .containsPattern("lab_experiments_finished_total\\{[^}]*status=\"SUCCEEDED\"[^}]*} [1-9]")
                .contains("# TYPE lab_experiment_duration_seconds ")
                .contains("# TYPE lab_experiment_queue_wait_seconds ")
                .contains("# HELP lab_queue_depth ")
                .contains("# HELP lab_experiments_running ")
                .containsPattern("lab_workers_live\\{[^}]*} 0.0")
                .containsPattern("lab_worker_spawn_seconds_count\\{[^}]*} [2-9]")
                .contains("# HELP lab_runs_finished_total ");
    }

    @Test
    void healthReportsTheDatabase() {
        var health = api.get("/actuator/health").json();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/db/details/database").asString()).isEqualTo("H2");
    }

    @Test
    void theThreadsPoolReportsExecutorMetricsWhileItRuns() {
        String id = api.submit("""
                {"model": "THREADS", "parallelism": 2, "tasks": 4, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 120}""");
        api.awaitStatus(id, "RUNNING", java.time.Duration.ofSeconds(30));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get("/actuator/prometheus").body())
                        .containsPattern("executor_active_threads\\{[^}]*name=\"lab.threads\"[^}]*} 2.0"));
    }
}
