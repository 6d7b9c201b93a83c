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

/**
 * A user's view of a running lab: real HTTP against its port, JSON back. Every request carries the
 * user's bearer token: by default the first admin's, which the test servers are started with
 * ({@link #BOOTSTRAP_PROPERTY}).
 */
public final class LabApi {

    /** The first admin's token in every test server (long and URL-safe, as the lab requires). */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789-abcdefghijklmnopqrstuvwxyz";
    /** The property that gives a test server's first admin {@link #ADMIN_TOKEN}. */
    public static final String BOOTSTRAP_PROPERTY = "lab.security.bootstrap-token=" + ADMIN_TOKEN;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    /** As the first admin. */
    public LabApi(int port) {
        this(port, ADMIN_TOKEN);
    }

    /** As the user of {@code token}; null for a caller without one. */
    public LabApi(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    /** The same lab, as the user of {@code token} (null: no token at all). */
    public LabApi as(String otherToken) {
        return new LabApi(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherToken);
    }

    public String token() {
        return token;
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

    public Response patch(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE().build());
    }

    /** Sends {@code request} with this user's token, unless it carries an Authorization header of its own. */
    public Response send(HttpRequest request) {
        HttpRequest signed = token == null || request.headers().firstValue("Authorization").isPresent()
                ? request
                : HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", "Bearer " + token).build();
        try {
            HttpResponse<String> response = HTTP.send(signed, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The sum of a Prometheus counter's series whose labels include {@code label} (such as
     * {@code by="user"}), as /actuator/prometheus shows it to this user; 0 before its first count.
     */
    public long counter(String name, String label) {
        return get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
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
