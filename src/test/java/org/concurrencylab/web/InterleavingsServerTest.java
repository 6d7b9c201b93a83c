package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The explorer in the whole lab, over real HTTP: its settings bound, its answers and errors as served. */
class InterleavingsServerTest extends LabServerTest {

    @Test
    void theLessonsAreOneRequestAway() {
        Response lost = api.post("/api/v1/interleavings", """
                {"program": "counter.increment", "threads": 2, "strategy": "none"}""");
        assertThat(lost.status()).isEqualTo(200);
        assertThat(lost.json().get("interleavings").asLong()).isEqualTo(20);
        assertThat(lost.json().at("/failingSchedule/outcome").asString()).isEqualTo("counter=1");

        JsonNode deadlock = api.post("/api/v1/interleavings", """
                {"program": "two-locks", "threads": 3, "strategy": "lock", "order": "opposite"}""").json();
        assertThat(deadlock.get("deadlocks").asLong()).isPositive();

        Response svg = api.get("/api/v1/interleavings/check-then-act/schedule.svg?threads=3");
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.contentType()).startsWith("image/svg+xml");
        assertThat(svg.body()).startsWith("<svg").contains("check-then-act, 3 threads, strategy none");

        JsonNode catalog = api.get("/api/v1/catalog/interleavings").json();
        assertThat(catalog.size()).isEqualTo(3);
    }

    @Test
    void badInputIsANamed400() {
        Response blocked = api.post("/api/v1/interleavings", """
                {"program": "two-locks", "schedule": [1, 2, 1]}""");
        assertThat(blocked.status()).isEqualTo(400);
        assertThat(blocked.contentType()).startsWith("application/problem+json");
        assertThat(blocked.json().at("/errors/0/field").asString()).isEqualTo("schedule[2]");
        assertThat(blocked.json().at("/errors/0/message").asString()).contains("no thread can step: deadlock");

        Response misspelt = api.post("/api/v1/interleavings", """
                {"program": "counter.increment", "thread": 3}""");
        assertThat(misspelt.status()).isEqualTo(400);
        assertThat(misspelt.json().at("/errors/0/field").asString()).isEqualTo("thread");

        Response svg = api.get("/api/v1/interleavings/counter.increment/schedule.svg?threads=many");
        assertThat(svg.status()).isEqualTo(400);
        assertThat(svg.json().at("/errors/0/field").asString()).isEqualTo("threads");
    }
}
