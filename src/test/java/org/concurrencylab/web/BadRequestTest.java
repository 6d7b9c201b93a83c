package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every kind of bad input gets a 4xx problem+json that names the field; never a 500 or a stack trace. */
class BadRequestTest extends LabServerTest {

    /** Body -> the field the problem must name. */
    private static final Map<String, String> BAD_SPECS = Map.ofEntries(
            Map.entry("{", "body"),
            Map.entry("[]", "body"),
            Map.entry("\"THREADS\"", "body"),
            Map.entry("{\"workload\": {\"kind\": \"cpu.primes\"}}", "model"),
            Map.entry("{\"model\": \"THREADS\"}", "workload"),
            Map.entry("{\"model\": \"GREEN_THREADS\", \"workload\": {\"kind\": \"cpu.primes\"}}", "model"),
            Map.entry("{\"model\": \"THREADS\", \"parallelism\": \"two\", \"workload\": {\"kind\": \"cpu.primes\"}}",
                    "parallelism"),
            Map.entry("{\"model\": \"THREADS\", \"parallelism\": 100000, \"workload\": {\"kind\": \"cpu.primes\"}}",
                    "parallelism"),
            Map.entry("{\"model\": \"PROCESSES\", \"parallelism\": 0, \"workload\": {\"kind\": \"cpu.primes\"}}",
                    "parallelism"),
            Map.entry("{\"model\": \"THREADS\", \"tasks\": -1, \"workload\": {\"kind\": \"cpu.primes\"}}", "tasks"),
            Map.entry("{\"model\": \"THREADS\", \"tasks\": 1e12, \"workload\": {\"kind\": \"cpu.primes\"}}", "tasks"),
            Map.entry("{\"model\": \"THREADS\", \"repetitions\": 0, \"workload\": {\"kind\": \"cpu.primes\"}}",
                    "repetitions"),
            Map.entry("{\"model\": \"THREADS\", \"warmups\": 1000, \"workload\": {\"kind\": \"cpu.primes\"}}", "warmups"),
            Map.entry("{\"model\": \"THREADS\", \"timeLimitSeconds\": 0, \"workload\": {\"kind\": \"cpu.primes\"}}",
                    "timeLimitSeconds"),
            Map.entry("{\"model\": \"THREADS\", \"baseline\": \"yes please\", \"workload\": {\"kind\": \"cpu.primes\"}}",
                    "baseline"),
            Map.entry("{\"model\": \"THREADS\", \"workload\": {\"kind\": \"gpu.magic\"}}", "workload.kind"),
            Map.entry("{\"model\": \"THREADS\", \"workload\": {\"kind\": \"ipc.pipe\"}}", "model"),
            Map.entry("{\"model\": \"PROCESSES\", \"tasks\": 2, \"workload\": {\"kind\": \"ipc.pipe\", "
                    + "\"params\": {\"messages\": 1000000, \"payloadBytes\": 1024}}}", "workload.params.messages"),
            Map.entry("{\"model\": \"THREADS\", \"workload\": {}}", "workload.kind"),
            Map.entry("{\"model\": \"THREADS\", \"workload\": {\"kind\": \"cpu.primes\", \"params\": {\"size\": 0}}}",
                    "workload.params.size"),
            Map.entry("{\"model\": \"THREADS\", \"workload\": {\"kind\": \"cpu.primes\", \"params\": {\"size\": 99999999999}}}",
                    "workload.params.size"),
            Map.entry("{\"model\": \"THREADS\", \"workload\": {\"kind\": \"io.sleep\", \"params\": {\"millis\": 0.5}}}",
                    "workload.params.millis"),
            Map.entry("{\"model\": \"THREADS\", \"workload\": {\"kind\": \"io.sleep\", \"params\": {\"seconds\": 1}}}",
                    "workload.params.seconds"),
            Map.entry("{\"model\": \"THREADS\", \"workload\": {\"kind\": \"io.sleep\", \"params\": [1]}}",
                    "workload.params"),
            Map.entry("{\"model\": \"THREADS\", \"colour\": \"red\", \"workload\": {\"kind\": \"cpu.primes\"}}", "colour"),
            Map.entry("{\"model\": \"THREADS\", \"stages\": 2, \"workload\": {\"kind\": \"cpu.primes\"}}", "stages"),
            Map.entry("{\"model\": \"FUTURES\", \"stages\": 1000, \"workload\": {\"kind\": \"cpu.primes\"}}", "stages"),
            Map.entry("{\"model\": \"GIL\", \"switchIntervalMillis\": 0, \"workload\": {\"kind\": \"cpu.primes\"}}",
                    "switchIntervalMillis"),
            Map.entry("{\"model\": \"FORK_JOIN\", \"tasks\": 4, \"threshold\": 5, \"workload\": {\"kind\": \"cpu.primes\"}}",
                    "threshold"),
            Map.entry("{\"model\": \"THREADS\", \"reuseWorkers\": true, \"workload\": {\"kind\": \"cpu.primes\"}}",
                    "reuseWorkers"),
            Map.entry("{\"model\": \"THREADS\", \"aotCache\": false, \"workload\": {\"kind\": \"cpu.primes\"}}",
                    "aotCache"),
            Map.entry("{\"model\": \"PROCESSES\", \"chunkSize\": 0, \"workload\": {\"kind\": \"cpu.primes\"}}", "chunkSize"),
            Map.entry("{\"model\": \"THREADS\", \"parallelism\": 0, \"workload\": {\"kind\": \"cpu.primes\"}}", "parallelism"),
            Map.entry("{\"model\": \"VIRTUAL_THREADS\", \"parallelism\": -1, \"workload\": {\"kind\": \"cpu.primes\"}}",
                    "parallelism"),
            Map.entry("{\"model\": \"THREADS\", \"name\": \"" + "x".repeat(101) + "\", \"workload\": {\"kind\": \"cpu.primes\"}}",
                    "name"));

    @Test
    void everyMalformedSpecIsA400ProblemNamingTheField() {
        List<String> failures = new ArrayList<>();
        BAD_SPECS.forEach((body, field) -> {
            Response response = api.post("/api/v1/experiments", body);
            String problem = check(response, 400, field);
            if (problem != null) {
                failures.add(body + " -> " + problem);
            }
        });
        assertThat(failures).isEmpty();
    }

    @Test
    void badQueryParametersAreProblemsToo() {
        assertThat(check(api.get("/api/v1/experiments?status=DONE"), 400, "status")).isNull();
        assertThat(check(api.get("/api/v1/experiments?model=FIBERS"), 400, "model")).isNull();
        assertThat(check(api.get("/api/v1/experiments?size=0"), 400, "size")).isNull();
        assertThat(check(api.get("/api/v1/experiments?size=101"), 400, "size")).isNull();
        assertThat(check(api.get("/api/v1/experiments?page=-1"), 400, "page")).isNull();
        assertThat(check(api.get("/api/v1/experiments?page=x"), 400, "page")).isNull();
        assertThat(check(api.post("/api/v1/experiments?waitSeconds=61",
                "{\"model\": \"SEQUENTIAL\", \"workload\": {\"kind\": \"io.sleep\"}}"), 400, "waitSeconds")).isNull();
    }

    @Test
    void wrongMediaTypesAndMethodsAreProblemsWithoutStackTraces() {
        Response form = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/experiments"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("model=THREADS"))
                .build());
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.contentType()).startsWith("application/problem+json");

        Response delete = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/experiments"))
                .DELETE()
                .build());
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.contentType()).startsWith("application/problem+json");

        Response nowhere = api.get("/api/v1/nowhere");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.contentType()).startsWith("application/problem+json");
    }

    /** Null when the response is the expected problem, else what is wrong with it. */
    private static String check(Response response, int status, String field) {
        if (response.status() != status) {
            return "status " + response.status() + ": " + response.body();
        }
        if (response.contentType() == null || !response.contentType().startsWith("application/problem+json")) {
            return "content type " + response.contentType();
        }
        String body = response.body();
        if (body.contains("Exception") || body.contains("\tat ") || body.contains("org.concurrencylab")) {
            return "leaks internals: " + body;
        }
        JsonNode problem = response.json();
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.get("field").asString()));
        if (!fields.contains(field)) {
            return "errors name " + fields + ", not " + field + ": " + body;
        }
        if (!problem.get("detail").asString().contains(field)) {
            return "detail does not name " + field + ": " + body;
        }
        return null;
    }
}
