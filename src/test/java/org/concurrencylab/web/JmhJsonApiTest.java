package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/experiments/{id}/jmh.json: a finished experiment in JMH's result format, as JMH tools read it. */
class JmhJsonApiTest extends LabServerTest {

    private static final Duration FINISH = Duration.ofSeconds(120);

    @Test
    void aFinishedExperimentWithABaselineIsTwoJmhBenchmarksWithJmhsFields() {
        String id = api.submit("""
                {"model": "THREADS", "parallelism": 2, "tasks": 4, "warmups": 1, "repetitions": 3, "baseline": true,
                 "workload": {"kind": "cpu.primes", "params": {"size": 5000}}, "timeLimitSeconds": 120}""");
        JsonNode experiment = api.awaitFinished(id, FINISH);
        assertThat(experiment.get("status").asString()).isEqualTo("SUCCEEDED");

        Response jmh = api.get("/api/v1/experiments/" + id + "/jmh.json");

        assertThat(jmh.status()).as(jmh.body()).isEqualTo(200);
        assertThat(jmh.contentType()).startsWith("application/json");
        JsonNode benchmarks = jmh.json();
        assertThat(benchmarks.isArray()).isTrue();
        assertThat(benchmarks).hasSize(2);
        JsonNode model = benchmarks.get(0);
        // The fields JMH 1.37 writes with -rf json, in its order.
        assertThat(new ArrayList<>(model.propertyNames())).containsExactly("jmhVersion", "benchmark", "mode",
                "threads", "forks", "jvm", "jvmArgs", "jdkVersion", "vmName", "vmVersion", "warmupIterations",
                "warmupTime", "warmupBatchSize", "measurementIterations", "measurementTime", "measurementBatchSize",
                "params", "primaryMetric", "secondaryMetrics");
        assertThat(model.get("jmhVersion").asString()).isEqualTo("1.37");
        assertThat(model.get("benchmark").asString()).isEqualTo("org.concurrencylab.cpu.primes");
        assertThat(model.get("mode").asString()).isEqualTo("ss");
        assertThat(model.get("threads").asInt()).isEqualTo(2);
        assertThat(model.get("warmupIterations").asInt()).isEqualTo(1);
        assertThat(model.get("measurementIterations").asInt()).isEqualTo(3);
        assertThat(model.get("jdkVersion").asString()).isEqualTo(experiment.at("/result/environment/javaVersion")
                .asString());
        // JMH writes every param as a string.
        assertThat(model.at("/params/model").asString()).isEqualTo("THREADS");
        assertThat(model.at("/params/parallelism").asString()).isEqualTo("2");
        assertThat(model.at("/params/size").asString()).isEqualTo("5000");

        JsonNode metric = model.get("primaryMetric");
        assertThat(new ArrayList<>(metric.propertyNames())).containsExactly("score", "scoreError", "scoreConfidence",
                "scorePercentiles", "scoreUnit", "rawData");
        List<Double> measured = new ArrayList<>();
        experiment.at("/result/runs").forEach(run -> {
            if (!run.get("warmup").asBoolean() && !run.get("baseline").asBoolean()) {
                measured.add(run.get("wallMillis").asDouble());
            }
        });
        // Single shot: each measured run is one iteration, its wall time the score.
        assertThat(metric.at("/rawData/0")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(metric.at("/rawData/0/" + i).asDouble()).isEqualTo(measured.get(i));
        }
        assertThat(metric.get("score").asDouble())
                .isCloseTo(measured.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), within(1e-9));
        assertThat(metric.get("scoreUnit").asString()).isEqualTo("ms/op");
        assertThat(metric.get("scoreConfidence")).hasSize(2);
        assertThat(metric.get("scoreConfidence").get(0).asDouble()).isLessThanOrEqualTo(metric.get("score").asDouble());

        JsonNode baseline = benchmarks.get(1);
        assertThat(baseline.at("/params/model").asString()).isEqualTo("SEQUENTIAL");
        assertThat(baseline.get("threads").asInt()).isEqualTo(1);
        assertThat(baseline.at("/primaryMetric/rawData/0")).hasSize(3);

        JsonNode throughput = api.get("/api/v1/experiments/" + id + "/jmh.json?mode=thrpt").json().get(0);
        assertThat(throughput.get("mode").asString()).isEqualTo("thrpt");
        assertThat(throughput.at("/primaryMetric/scoreUnit").asString()).isEqualTo("ops/s");
        assertThat(throughput.at("/primaryMetric/rawData/0/0").asDouble())
                .isCloseTo(4 * 1000.0 / measured.getFirst(), within(1e-6));
    }

    @Test
    void beforeItsEndAnExperimentHasNoJmhJsonAndAnUnknownOneIsNotFound() {
        String id = api.submit("""
                {"model": "THREADS", "parallelism": 1, "tasks": 1, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 120}""");
        api.awaitStatus(id, "RUNNING", FINISH);

        Response running = api.get("/api/v1/experiments/" + id + "/jmh.json");

        assertThat(running.status()).isEqualTo(409);
        assertThat(running.contentType()).startsWith("application/problem+json");
        assertThat(running.json().get("detail").asString()).contains("RUNNING");
        assertThat(api.get("/api/v1/experiments/" + java.util.UUID.randomUUID() + "/jmh.json").status())
                .isEqualTo(404);
        Response mode = api.get("/api/v1/experiments/" + id + "/jmh.json?mode=sample");
        assertThat(mode.status()).isEqualTo(400);
        assertThat(mode.json().at("/errors/0/field").asString()).isEqualTo("mode");
    }
}
