package org.concurrencylab.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import org.concurrencylab.support.LabApi;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;

/** What anyone, a scraper and a user can reach besides the API, and the bounds on a request. */
class LockedSurfaceTest extends LabServerTest {

    private LabApi anonymous() {
        return api.as(null);
    }

    private LabApi metrics() {
        Response made = api.post("/api/v1/users",
                "{\"name\": \"scraper-" + System.nanoTime() % 1_000_000 + "\", \"role\": \"METRICS\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return api.as(made.json().get("token").asString());
    }

    @Test
    void healthIsPublicWithDetailsOnlyForAdmins() {
        Response publicHealth = anonymous().get("/actuator/health");
        assertThat(publicHealth.status()).isEqualTo(200);
        assertThat(publicHealth.json().get("status").asString()).isEqualTo("UP");
        assertThat(publicHealth.json().has("components")).isFalse();

        assertThat(api.get("/actuator/health").json().has("components")).isTrue();
    }

    @Test
    void prometheusIsForMetricsAndAdminTokensOnly() {
        Response anonymousScrape = anonymous().get("/actuator/prometheus");
        assertThat(anonymousScrape.status()).isEqualTo(401);
        assertThat(anonymousScrape.header("WWW-Authenticate")).startsWith("Bearer");

        LabApi scraper = metrics();
        Response scrape = scraper.get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes");
        // The scraper's token is good for nothing else.
        assertThat(scraper.get("/api/v1/experiments").status()).isEqualTo(403);

        Response student = api.as(api.post("/api/v1/users",
                        "{\"name\": \"pupil-" + System.nanoTime() % 1_000_000 + "\", \"role\": \"STUDENT\"}")
                .json().get("token").asString()).get("/actuator/prometheus");
        assertThat(student.status()).isEqualTo(403);
        assertThat(student.contentType()).startsWith("application/problem+json");
    }

    @Test
    void noOtherActuatorEndpointAnswers() {
        for (String endpoint : new String[] {"/actuator", "/actuator/env", "/actuator/info", "/actuator/metrics",
                "/actuator/beans", "/actuator/heapdump", "/actuator/loggers"}) {
            assertThat(anonymous().get(endpoint).status()).as("anonymous " + endpoint).isEqualTo(401);
            assertThat(api.get(endpoint).status()).as("admin " + endpoint).isIn(403, 404);
        }
    }

    @Test
    void theApiDocumentationIsOpenAndDescribesTheBearerScheme() {
        Response docs = anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(docs.json().at("/security/0").has("bearer")).isTrue();
        assertThat(anonymous().get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void secureHeadersAreSent() {
        Response response = api.get("/api/v1/me");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(response.header("Set-Cookie")).isNull();
    }

    @Test
    void corsIsOffUnlessOriginsAreAllowed() {
        Response preflight = anonymous().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "GET")
                .build());
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        Response simple = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                .header("Origin", "https://elsewhere.example").GET().build());
        assertThat(simple.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void aBodyAboveTheLimitIs413() {
        String big = "{\"name\": \"" + "x".repeat(70 * 1024) + "\", \"role\": \"STUDENT\"}";
        Response declared = api.post("/api/v1/users", big);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.contentType()).startsWith("application/problem+json");
        assertThat(declared.json().get("detail").asString()).contains("lab.limits.max-request-bytes");

        // Chunked: no length declared, so the limit is found while reading.
        Response chunked = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/experiments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())))
                .build());
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.contentType()).startsWith("application/problem+json");
    }
}
