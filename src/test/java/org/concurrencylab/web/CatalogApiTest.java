package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The catalog tells a new user what can be run, with the same bounds validation applies. */
class CatalogApiTest extends LabServerTest {

    @Test
    void everyModelIsListedWithADescriptionAndItsFields() {
        JsonNode models = api.get("/api/v1/catalog/models").json();
        List<String> names = new ArrayList<>();
        models.forEach(m -> names.add(m.get("name").asString()));
        assertThat(names).containsExactly(java.util.Arrays.stream(ExecutionModel.values()).map(Enum::name)
                .toArray(String[]::new));
        models.forEach(m -> {
            assertThat(m.get("description").asString()).hasSizeGreaterThan(80);
            assertThat(m.get("fields").get(0).get("name").asString()).isEqualTo("parallelism");
        });
        JsonNode gil = model(models, "GIL");
        assertThat(gil.get("description").asString()).contains("CPU-bound", "IO-bound");
        assertThat(fieldNames(gil)).containsExactly("parallelism", "switchIntervalMillis");
        assertThat(fieldNames(model(models, "PROCESSES")))
                .containsExactly("parallelism", "reuseWorkers", "chunkSize", "maxTasksPerWorker", "aotCache");
        assertThat(fieldNames(model(models, "FUTURES"))).containsExactly("parallelism", "stages");
        assertThat(fieldNames(model(models, "FORK_JOIN"))).containsExactly("parallelism", "threshold");
        assertThat(model(models, "VIRTUAL_THREADS").at("/fields/0/min").asInt()).isZero();
    }

    @Test
    void everyWorkloadIsListedWithItsParamsAndBounds() {
        JsonNode workloads = api.get("/api/v1/catalog/workloads").json();
        JsonNode primes = workloads.get(0);
        assertThat(primes.get("kind").asString()).isEqualTo("cpu.primes");
        JsonNode size = primes.get("params").get(0);
        assertThat(size.get("name").asString()).isEqualTo("size");
        assertThat(size.get("min").asLong()).isEqualTo(1);
        assertThat(size.get("max").asLong()).isEqualTo(10_000_000);
        assertThat(size.get("defaultValue").asLong()).isEqualTo(20_000);
    }

    @Test
    void anAcceptedSpecShowsItsModelsOptionsWithDefaults() {
        JsonNode futures = api.post("/api/v1/experiments", """
                {"model": "FUTURES", "parallelism": 2, "stages": 2, "tasks": 2, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 1}}}""").json();
        assertThat(futures.at("/options/stages").asInt()).isEqualTo(2);
        JsonNode virtual = api.post("/api/v1/experiments", """
                {"model": "VIRTUAL_THREADS", "tasks": 2, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 1}}}""").json();
        assertThat(virtual.get("parallelism").asInt()).isZero();
        assertThat(virtual.has("options")).isFalse();
        JsonNode processes = api.post("/api/v1/experiments", """
                {"model": "PROCESSES", "parallelism": 1, "tasks": 1, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 1}}}""").json();
        assertThat(processes.at("/options/reuseWorkers").asBoolean()).isTrue();
        assertThat(processes.at("/options/chunkSize").asInt()).isEqualTo(1);
        assertThat(processes.at("/options/maxTasksPerWorker").asInt()).isZero();
        assertThat(processes.at("/options/aotCache").asBoolean()).isTrue();
    }

    @Test
    void workersCanBeStartedWithoutTheAotCacheToCompareStartUp() {
        JsonNode cold = api.post("/api/v1/experiments?waitSeconds=60", """
                {"model": "PROCESSES", "parallelism": 1, "tasks": 1, "warmups": 0, "repetitions": 1,
                 "aotCache": false, "workload": {"kind": "io.sleep", "params": {"millis": 1}}}""").json();
        assertThat(cold.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(cold.at("/options/aotCache").asBoolean()).isFalse();
        assertThat(cold.at("/result/runs/0/observations/aotCache").asBoolean()).isFalse();
        assertThat(cold.at("/result/runs/0/startupMillis").asDouble()).isPositive();
    }

    private static JsonNode model(JsonNode models, String name) {
        for (JsonNode m : models) {
            if (m.get("name").asString().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no model " + name);
    }

    private static List<String> fieldNames(JsonNode model) {
        List<String> names = new ArrayList<>();
        model.get("fields").forEach(f -> names.add(f.get("name").asString()));
        return names;
    }
}
