package org.concurrencylab.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A user's view of a running lab: real HTTP against its port, JSON back. */
public final class LabApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public LabApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, HttpResponse<String> raw) {

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public String body() {
            return raw.body();
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Submits a spec and returns the new experiment's id, failing unless it was accepted. */
    public String submit(String spec) {
        Response response = post("/api/v1/experiments", spec);
        if (response.status() != 202 && response.status() != 200) {
            throw new AssertionError("submit answered " + response.status() + ": " + response.body());
        }
        return response.json().get("id").asString();
    }

    public JsonNode experiment(String id) {
        return get("/api/v1/experiments/" + id).json();
    }

    public JsonNode awaitStatus(String id, String status, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(50))
                .until(() -> experiment(id).get("status").asString().equals(status));
        return experiment(id);
    }

    public JsonNode awaitFinished(String id, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(50))
                .until(() -> TERMINAL.contains(experiment(id).get("status").asString()));
        return experiment(id);
    }
}
