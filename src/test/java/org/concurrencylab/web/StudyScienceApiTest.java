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
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

/** Fitted laws, sweeps, weak scaling, SEQUENTIAL beside a parallelism list, and listing, over HTTP. */
class StudyScienceApiTest extends LabServerTest {

    private static final String SVG = "http://www.w3.org/2000/svg";

    private JsonNode finished(String id) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                .until(() -> Set.of("SUCCEEDED", "FAILED", "PARTIAL", "CANCELLED")
                        .contains(api.get("/api/v1/studies/" + id).json().get("status").asString()));
        JsonNode study = api.get("/api/v1/studies/" + id).json();
        assertThat(study.get("status").asString()).as(study.toString()).isEqualTo("SUCCEEDED");
        return study;
    }

    private String submit(String spec) {
        Response submitted = api.post("/api/v1/studies", spec);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        return submitted.json().get("id").asString();
    }

    private static Document svg(String body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document doc) {
        NodeList nodes = doc.getElementsByTagNameNS(SVG, "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    @Test
    void aPrimesStudyOverSequentialThreadsAndGilReportsTheFittedLawsPerModel() throws Exception {
        String id = submit("""
                {"name": "primes laws", "workload": {"kind": "cpu.primes", "params": {"size": 3000}},
                 "models": ["SEQUENTIAL", "THREADS", "GIL"], "parallelism": [1, 2, 3, 4], "tasks": 4,
                 "warmups": 0, "repetitions": 3, "timeLimitSeconds": 60}""");
        JsonNode study = finished(id);

        // SEQUENTIAL beside a parallelism list: one cell, at parallelism 1.
        List<String> cells = new ArrayList<>();
        study.get("table").forEach(row -> cells.add(row.get("model").asString() + "x" + row.get("parallelism").asInt()));
        assertThat(cells).containsExactly("SEQUENTIALx1", "THREADSx1", "THREADSx2", "THREADSx3", "THREADSx4",
                "GILx1", "GILx2", "GILx3", "GILx4");

        JsonNode fits = study.get("fits");
        List<String> fitted = new ArrayList<>();
        fits.forEach(fit -> fitted.add(fit.get("model").asString()));
        assertThat(fitted).containsExactly("THREADS", "GIL");
        for (JsonNode fit : fits) {
            JsonNode amdahl = fit.get("amdahl");
            JsonNode usl = fit.get("usl");
            assertThat(amdahl.has("serialFraction")).as(fit.toString()).isTrue();
            assertThat(amdahl.get("points").asInt()).isEqualTo(12);
            assertThat(usl.has("sigma")).as(fit.toString()).isTrue();
            assertThat(usl.has("kappa")).as(fit.toString()).isTrue();
            // A peak, or the reason there is none within range (coherency about 0).
            assertThat(usl.has("peakParallelism") || usl.get("peakNote").asString().startsWith("None within range"))
                    .as(fit.toString()).isTrue();
            assertThat(usl.get("intervalMethod").asString()).startsWith("bootstrap");
        }
        assertThat(study.get("interpretation").asString()).contains("THREADS: contention", "GIL: contention",
                "Amdahl: ");

        String[] csv = api.get("/api/v1/studies/" + id + "/results.csv").body().split("\r\n");
        List<String> header = List.of(csv[0].split(","));
        assertThat(csv).hasSize(10);
        for (int i = 1; i < csv.length; i++) {
            String[] fields = csv[i].split(",", -1);
            String sigma = fields[header.indexOf("usl_sigma")];
            assertThat(sigma.isEmpty()).as(csv[i]).isEqualTo(fields[0].equals("SEQUENTIAL"));
            assertThat(fields[header.indexOf("amdahl_serial_fraction")].isEmpty()).isEqualTo(sigma.isEmpty());
        }

        Document chart = svg(api.get("/api/v1/studies/" + id + "/chart.svg").body());
        NodeList paths = chart.getElementsByTagNameNS(SVG, "path");
        assertThat(paths.getLength()).isEqualTo(4);
        assertThat(texts(chart)).contains("fitted Amdahl", "fitted USL, X(N)/X(1)", "ideal (speedup = parallelism)");
    }

    @Test
    void aSweepOverIoMillisRunsACellPerValueWithACsvRowEachAndALineChart() throws Exception {
        String id = submit("""
                {"name": "io share", "workload": {"kind": "mixed", "params": {"cpuMillis": 1}},
                 "models": ["THREADS", "GIL"], "parallelism": [2], "sweep": {"ioMillis": [0, 2, 8]},
                 "tasks": 4, "warmups": 0, "repetitions": 2, "timeLimitSeconds": 60}""");
        JsonNode study = finished(id);
        assertThat(study.get("table")).hasSize(6);
        assertThat(study.at("/sweep/ioMillis")).hasSize(3);
        assertThat(study.at("/table/2/params/ioMillis").asInt()).isEqualTo(8);
        for (JsonNode row : study.get("table")) {
            JsonNode experiment = api.experiment(row.get("experimentId").asString());
            assertThat(experiment.at("/workload/params/ioMillis").asInt()).isEqualTo(row.at("/params/ioMillis").asInt());
        }

        Response csv = api.get("/api/v1/studies/" + id + "/results.csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(7);
        assertThat(lines[0]).startsWith("model,parallelism,ioMillis,experiment_id,");
        assertThat(lines[1]).startsWith("THREADS,2,0,");
        assertThat(lines[6]).startsWith("GIL,2,8,");

        Response chart = api.get("/api/v1/studies/" + id + "/chart.svg");
        assertThat(chart.contentType()).startsWith("image/svg+xml");
        Document doc = svg(chart.body());
        assertThat(doc.getElementsByTagNameNS(SVG, "title").item(0).getTextContent())
                .isEqualTo("Speedup versus ioMillis: io share");
        assertThat(texts(doc)).contains("ioMillis", "Speedup over sequential baseline (x)", "THREADS x2", "GIL x2");
    }

    @Test
    void weakScalingMultipliesTasksByParallelismAndReportsItsEfficiency() {
        String id = submit("""
                {"workload": {"kind": "io.sleep", "params": {"millis": 5}}, "models": ["THREADS"],
                 "parallelism": [1, 2], "tasks": 2, "scaling": "weak", "warmups": 0, "repetitions": 1}""");
        JsonNode study = finished(id);
        assertThat(study.get("scaling").asString()).isEqualTo("weak");
        JsonNode table = study.get("table");
        assertThat(table.get(0).get("tasks").asInt()).isEqualTo(2);
        assertThat(table.get(1).get("tasks").asInt()).isEqualTo(4);
        assertThat(api.experiment(table.get(1).get("experimentId").asString()).get("tasks").asInt()).isEqualTo(4);
        assertThat(table.get(0).get("weakScalingEfficiency").asDouble()).isEqualTo(1.0);
        assertThat(table.get(1).get("weakScalingEfficiency").asDouble()).isPositive();
    }

    @Test
    void studiesAreListedNewestFirstWithFiltersAndPages() {
        String sleep = submit("""
                {"workload": {"kind": "io.sleep", "params": {"millis": 1}}, "models": ["GIL"], "parallelism": [1],
                 "warmups": 0, "repetitions": 1}""");
        String primes = submit("""
                {"workload": {"kind": "cpu.primes", "params": {"size": 1000}}, "models": ["THREADS"],
                 "parallelism": [1], "tasks": 2, "warmups": 0, "repetitions": 1}""");
        JsonNode all = api.get("/api/v1/studies?size=100").json();
        List<String> ids = new ArrayList<>();
        all.get("items").forEach(item -> ids.add(item.get("id").asString()));
        assertThat(ids).containsSubsequence(primes, sleep);
        assertThat(all.at("/items/0/progress/total").asInt()).isEqualTo(1);

        JsonNode gil = api.get("/api/v1/studies?model=GIL&workload=io.sleep&size=100").json();
        gil.get("items").forEach(item -> {
            assertThat(item.get("workloadKind").asString()).isEqualTo("io.sleep");
            assertThat(item.get("models").toString()).contains("GIL");
        });
        assertThat(gil.get("items").toString()).contains(sleep).doesNotContain(primes);

        JsonNode page = api.get("/api/v1/studies?size=1&page=1").json();
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("totalPages").asInt()).isEqualTo(page.get("totalItems").asInt());
        assertThat(api.get("/api/v1/studies?status=NOPE").status()).isEqualTo(400);
    }

    @Test
    void badSweepsAre400sNamingTheSweptParam() {
        Response badValue = api.post("/api/v1/studies", """
                {"workload": {"kind": "mixed"}, "models": ["THREADS"], "parallelism": [1],
                 "sweep": {"ioMillis": [0, -5]}}""");
        assertThat(badValue.status()).isEqualTo(400);
        assertThat(badValue.json().at("/errors/0/field").asString()).isEqualTo("sweep.ioMillis");
        assertThat(badValue.json().at("/errors/0/message").asString()).startsWith("value -5: ");

        Response both = api.post("/api/v1/studies", """
                {"workload": {"kind": "mixed", "params": {"ioMillis": 3}}, "models": ["THREADS"], "parallelism": [1],
                 "sweep": {"ioMillis": [0, 4]}}""");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().at("/errors/0/field").asString()).isEqualTo("sweep.ioMillis");

        Response unknown = api.post("/api/v1/studies", """
                {"workload": {"kind": "mixed"}, "models": ["THREADS"], "parallelism": [1], "sweep": {"nope": [1]}}""");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/errors/0/field").asString()).isEqualTo("sweep.nope");
    }
}
