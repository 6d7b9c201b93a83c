package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Reads keep a finished experiment's parsed documents and the JSON of what they wrote before
 * (experiment.FinishedDocuments, web.CachedJson): what a read returns must never depend on it. The
 * second and later reads of a finished experiment, whose JSON comes ready-made, read exactly as the
 * first, and a list shows a change made to an item it wrote before.
 */
class ReadCachingApiTest extends LabServerTest {

    private static final String QUICK = """
            {"name": "read me again", "model": "THREADS", "parallelism": 2, "tasks": 4, "warmups": 1,
             "repetitions": 2, "baseline": true, "workload": {"kind": "cpu.primes", "params": {"size": 2000}}}""";

    @Test
    void aFinishedExperimentReadsTheSameEveryTime() {
        String id = api.submit(QUICK);
        JsonNode finished = api.awaitFinished(id, Duration.ofSeconds(60));
        assertThat(finished.get("status").asString()).isEqualTo("SUCCEEDED");

        String first = api.get("/api/v1/experiments/" + id).body();
        String second = api.get("/api/v1/experiments/" + id).body();
        String third = api.get("/api/v1/experiments/" + id).body();

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(api.get("/api/v1/experiments/" + id).json().at("/result/runs")).hasSize(3 + 3);
        assertThat(api.get("/api/v1/experiments/" + id).json().at("/result/summary/checksum").asLong())
                .isEqualTo(finished.at("/result/summary/checksum").asLong());
    }

    @Test
    void aListShowsAChangeToAnItemItWroteBefore() {
        String id = api.submit(QUICK);
        api.awaitFinished(id, Duration.ofSeconds(60));
        String page = "/api/v1/experiments?size=100";
        String before = api.get(page).body();
        assertThat(api.get(page).body()).isEqualTo(before);
        assertThat(item(api.get(page).json(), id).get("shared").asBoolean()).isFalse();

        Response shared = api.patch("/api/v1/experiments/" + id, "{\"shared\": true}");
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);

        assertThat(item(api.get(page).json(), id).get("shared").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/experiments/" + id).json().get("shared").asBoolean()).isTrue();
    }

    private static JsonNode item(JsonNode list, String id) {
        for (JsonNode item : list.get("items")) {
            if (item.get("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no " + id + " in " + list);
    }
}
