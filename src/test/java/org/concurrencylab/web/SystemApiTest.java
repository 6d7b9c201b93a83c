package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What a user checks before trusting numbers: the machine, the queue, the workers and the limits. */
class SystemApiTest extends LabServerTest {

    @Test
    void describesTheMachineTheQueueTheWorkersAndTheLimits() {
        Response response = api.get("/api/v1/system");

        assertThat(response.status()).isEqualTo(200);
        JsonNode system = response.json();
        assertThat(system.at("/environment/availableProcessors").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(system.get("queued").asLong()).isNotNegative();
        assertThat(system.at("/workers/live").asInt()).isNotNegative();
        // The test servers turn the cache off (see LabServerTest), and the status says so and how.
        assertThat(system.at("/workers/aotCache").asString()).isEqualTo("disabled (lab.limits.workers.aot-cache=false)");
        assertThat(system.at("/limits/queueCapacity").asInt()).isPositive();
    }
}
