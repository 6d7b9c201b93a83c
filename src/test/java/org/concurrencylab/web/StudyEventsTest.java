package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StudyEventsTest extends LabServerTest {

    @Test
    void aStudyStreamsItsStateThenCellProgressThenTheFinalStateAndEnds() throws Exception {
        String id = api.post("/api/v1/studies", """
                {"name": "sleep", "workload": {"kind": "io.sleep", "params": {"millis": 300}},
                 "models": ["THREADS"], "parallelism": [1, 2], "tasks": 2, "warmups": 0, "repetitions": 1,
                 "timeLimitSeconds": 60}""").json().get("id").asString();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/studies/" + id + "/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(90)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

        List<String> names = new ArrayList<>();
        List<JsonNode> data = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        for (String block : response.body().split("\n\n")) {
            String name = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    names.add(name);
                    data.add(json.readTree(line.substring(5)));
                }
            }
        }
        assertThat(names).as(response.body()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(names.getFirst()).isEqualTo("status");
        assertThat(names.getLast()).isEqualTo("status");
        assertThat(data.getLast().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(names.subList(1, names.size() - 1)).isNotEmpty().allMatch("progress"::equals);
        JsonNode lastProgress = data.get(names.size() - 2);
        assertThat(lastProgress.get("done").asInt()).isEqualTo(2);
        assertThat(lastProgress.get("total").asInt()).isEqualTo(2);

        assertThat(api.get("/api/v1/studies/no-such-study/events").status()).isEqualTo(404);
    }
}
