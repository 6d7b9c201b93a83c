package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

/** Studies end to end over HTTP: submit, table, CSV, chart, validation, cancel, 404. */
class StudyApiTest extends LabServerTest {

    private static final String PRIMES_STUDY = """
            {"name": "primes, scaling", "workload": {"kind": "cpu.primes", "params": {"size": 3000}},
             "models": ["THREADS", "GIL"], "parallelism": [1, 2], "tasks": 4, "warmups": 0, "repetitions": 2,
             "timeLimitSeconds": 60}""";

    @Test
    void aStudyRunsEveryCellAndItsTableCsvAndChartMatchTheCells() throws Exception {
        Response submitted = api.post("/api/v1/studies", PRIMES_STUDY);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String id = submitted.json().get("id").asString();
        assertThat(submitted.header("Location")).endsWith("/api/v1/studies/" + id);
        assertThat(submitted.json().at("/progress/total").asInt()).isEqualTo(4);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> Set.of("SUCCEEDED", "FAILED", "PARTIAL", "CANCELLED")
                        .contains(api.get("/api/v1/studies/" + id).json().get("status").asString()));
        JsonNode study = api.get("/api/v1/studies/" + id).json();
        assertThat(study.get("status").asString()).as(study.toString()).isEqualTo("SUCCEEDED");
        assertThat(study.at("/progress/done").asInt()).isEqualTo(4);
        JsonNode table = study.get("table");
        assertThat(table).hasSize(4);
        List<String> cells = new ArrayList<>();
        for (JsonNode row : table) {
            JsonNode experiment = api.experiment(row.get("experimentId").asString());
            JsonNode summary = experiment.at("/result/summary");
            assertThat(experiment.get("baseline").asBoolean()).isTrue();
            assertThat(experiment.get("model").asString()).isEqualTo(row.get("model").asString());
            assertThat(experiment.get("parallelism").asInt()).isEqualTo(row.get("parallelism").asInt());
            assertThat(row.get("speedup").asDouble()).isPositive().isEqualTo(summary.get("speedup").asDouble());
            assertThat(row.get("efficiency").asDouble()).isEqualTo(summary.get("efficiency").asDouble());
            assertThat(row.get("speedupCi95Low").asDouble()).isEqualTo(summary.get("speedupCi95Low").asDouble());
            assertThat(row.get("speedupCi95High").asDouble()).isEqualTo(summary.get("speedupCi95High").asDouble());
            assertThat(row.get("medianWallMillis").asDouble()).isEqualTo(summary.at("/wallMillis/median").asDouble());
            assertThat(row.get("throughputPerSecond").asDouble()).isEqualTo(summary.get("throughputPerSecond").asDouble());
            cells.add(row.get("model").asString() + "x" + row.get("parallelism").asInt());
        }
        assertThat(cells).containsExactly("THREADSx1", "THREADSx2", "GILx1", "GILx2");
        // Cells are ordinary experiments, in the experiment list.
        String list = api.get("/api/v1/experiments?size=100").body();
        table.forEach(row -> assertThat(list).contains(row.get("experimentId").asString()));

        Response csv = api.get("/api/v1/studies/" + id + "/results.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(5);
        List<String> header = List.of(lines[0].split(","));
        assertThat(lines[0]).startsWith("model,parallelism,experiment_id,status,tasks,median_wall_ms,throughput_per_s,"
                + "baseline_median_wall_ms,speedup,speedup_ci95_low,speedup_ci95_high,efficiency,serial_fraction,"
                + "weak_scaling_efficiency,amdahl_serial_fraction");
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(",", -1);
            assertThat(fields).hasSize(header.size());
            assertThat(Double.parseDouble(fields[header.indexOf("speedup")]))
                    .isEqualTo(table.get(i - 1).get("speedup").asDouble());
        }

        Response chart = api.get("/api/v1/studies/" + id + "/chart.svg");
        assertThat(chart.status()).isEqualTo(200);
        assertThat(chart.contentType()).startsWith("image/svg+xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document svg = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(chart.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
        NodeList polylines = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline");
        List<String> series = new ArrayList<>();
        int ideal = 0;
        for (int i = 0; i < polylines.getLength(); i++) {
            Element line = (Element) polylines.item(i);
            if (line.getAttribute("class").equals("ideal")) {
                ideal++;
            } else {
                series.add(line.getAttribute("data-model"));
                assertThat(line.getAttribute("points").split(" ")).hasSize(2);
            }
        }
        assertThat(ideal).isEqualTo(1);
        assertThat(series).containsExactly("THREADS", "GIL");
        NodeList texts = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        List<String> words = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            words.add(texts.item(i).getTextContent());
        }
        assertThat(words).contains("THREADS", "GIL", "ideal (speedup = parallelism)");
        assertThat(words).anyMatch(w -> w.startsWith("Parallelism"));
        assertThat(words).anyMatch(w -> w.startsWith("Speedup over"));
    }

    @Test
    void invalidStudiesAre400sNamingTheFieldsAndStoreNothing() {
        long before = api.get("/api/v1/experiments").json().get("totalItems").asLong();
        Response duplicate = api.post("/api/v1/studies", """
                {"workload": {"kind": "cpu.primes"}, "models": ["THREADS", "THREADS"], "parallelism": [1, 0]}""");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        duplicate.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("models[1]", "parallelism[1]");

        Response unknownModel = api.post("/api/v1/studies", """
                {"workload": {"kind": "cpu.primes"}, "models": ["THREADS", "NOPE"], "parallelism": [1]}""");
        assertThat(unknownModel.status()).isEqualTo(400);
        assertThat(unknownModel.json().at("/errors/0/field").asString()).isEqualTo("models[1]");

        Response missing = api.post("/api/v1/studies", """
                {"workload": {"kind": "cpu.primes", "params": {"size": -1}}, "parallelism": [1]}""");
        assertThat(missing.status()).isEqualTo(400);
        List<String> missingFields = new ArrayList<>();
        missing.json().get("errors").forEach(e -> missingFields.add(e.get("field").asString()));
        assertThat(missingFields).contains("models");

        Response badParam = api.post("/api/v1/studies", """
                {"workload": {"kind": "cpu.primes", "params": {"size": -1}}, "models": ["THREADS"], "parallelism": [1]}""");
        assertThat(badParam.status()).isEqualTo(400);
        assertThat(badParam.json().at("/errors/0/field").asString()).isEqualTo("workload.params.size");

        Response tooMany = api.post("/api/v1/studies", """
                {"workload": {"kind": "cpu.primes"}, "models": ["THREADS"], "parallelism": [1,2,3,4,5,6,7,8,9]}""");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().at("/errors/0/field").asString()).isEqualTo("parallelism");

        assertThat(api.get("/api/v1/experiments").json().get("totalItems").asLong()).isEqualTo(before);
    }

    @Test
    void cancellingAStudyCancelsItsRemainingCells() {
        Response submitted = api.post("/api/v1/studies", """
                {"workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "models": ["THREADS", "GIL"],
                 "parallelism": [2, 4], "tasks": 4, "warmups": 0, "repetitions": 1, "timeLimitSeconds": 600}""");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String id = submitted.json().get("id").asString();

        Response cancelled = api.post("/api/v1/studies/" + id + "/cancel", "");
        assertThat(cancelled.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/v1/studies/" + id).json().get("status").asString().equals("CANCELLED"));
        JsonNode study = api.get("/api/v1/studies/" + id).json();
        assertThat(study.get("cancelRequested").asBoolean()).isTrue();
        study.get("table").forEach(row -> {
            assertThat(row.get("status").asString()).isEqualTo("CANCELLED");
            assertThat(api.experiment(row.get("experimentId").asString()).get("status").asString())
                    .isEqualTo("CANCELLED");
        });
    }

    @Test
    void unknownStudiesAre404ProblemJson() {
        for (String path : List.of("", "/results.csv", "/chart.svg")) {
            Response response = api.get("/api/v1/studies/no-such-study" + path);
            assertThat(response.status()).as(path).isEqualTo(404);
        }
        Response json = api.get("/api/v1/studies/no-such-study");
        assertThat(json.contentType()).startsWith("application/problem+json");
        assertThat(json.json().get("detail").asString()).contains("no-such-study");
        assertThat(api.post("/api/v1/studies/no-such-study/cancel", "").status()).isEqualTo(404);
    }
}
