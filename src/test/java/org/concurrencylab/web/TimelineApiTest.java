package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

/** The per-run timeline: in the result JSON and drawn as SVG. */
class TimelineApiTest extends LabServerTest {

    @Test
    void aThreadsSleepRunDrawsFourTasksInTwoLanes() throws Exception {
        String id = api.submit("""
                {"model": "THREADS", "parallelism": 2, "tasks": 4, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 50}}, "timeLimitSeconds": 60}""");
        JsonNode experiment = api.awaitFinished(id, Duration.ofSeconds(60));
        assertThat(experiment.get("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode timeline = experiment.at("/result/runs/0/timeline");
        assertThat(timeline.size()).as(experiment.toString()).isEqualTo(4);
        assertThat(timeline.get(0).get(1).asLong()).isZero();

        Response svg = api.get("/api/v1/experiments/" + id + "/timeline.svg");
        assertThat(svg.status()).as(svg.body()).isEqualTo(200);
        assertThat(svg.contentType()).startsWith("image/svg+xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        NodeList rects = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        int tasks = 0;
        Set<String> lanes = new HashSet<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if ("task".equals(rect.getAttribute("class"))) {
                tasks++;
                lanes.add(rect.getAttribute("data-lane"));
            }
        }
        assertThat(tasks).isEqualTo(4);
        assertThat(lanes).containsExactlyInAnyOrder("0", "1");
        assertThat(svg.body()).contains("THREADS").contains("io.sleep").contains("wall").contains("(ms)")
                .contains("lane 1").contains("lane 2");

        assertThat(api.get("/api/v1/experiments/" + id + "/timeline.svg?run=0").status()).isEqualTo(200);
        Response badRun = api.get("/api/v1/experiments/" + id + "/timeline.svg?run=7");
        assertThat(badRun.status()).isEqualTo(400);
        assertThat(badRun.contentType()).startsWith("application/problem+json");
        assertThat(badRun.json().at("/errors/0/field").asString()).isEqualTo("run");
    }

    @Test
    void unknownIs404AndUnfinishedIs409() {
        Response missing = api.get("/api/v1/experiments/no-such-id/timeline.svg");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");

        String id = api.submit("""
                {"model": "THREADS", "parallelism": 2, "tasks": 2, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 60}""");
        Response running = api.get("/api/v1/experiments/" + id + "/timeline.svg");
        assertThat(running.status()).isEqualTo(409);
        assertThat(running.contentType()).startsWith("application/problem+json");
        api.post("/api/v1/experiments/" + id + "/cancel", "");
    }
}
