package org.concurrencylab.containers;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.concurrencylab.support.LabApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user's HTTP view of a lab running in a container, at the host port Docker mapped. Every
 * request is built by {@link #request(String)}, so credentials (the first admin's bearer token)
 * are added in that one place.
 */
final class LabClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    LabClient(String host, int port) {
        this.base = "http://" + host + ":" + port;
    }

    record Response(int status, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** The one place requests are built: as the first admin, whose token the containers are started with. */
    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + LabApi.ADMIN_TOKEN);
    }

    Response get(String path) {
        return send(request(path).GET().build());
    }

    Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Submits a spec and returns the new experiment's id, failing unless it was accepted. */
    String submit(String spec) {
        Response response = post("/api/v1/experiments", spec);
        if (response.status() != 202) {
            throw new AssertionError("submit to " + base + " answered " + response.status() + ": " + response.body());
        }
        return response.json().get("id").asString();
    }

    JsonNode experiment(String id) {
        Response response = get("/api/v1/experiments/" + id);
        if (response.status() != 200) {
            throw new AssertionError("GET experiment " + id + " from " + base + " answered " + response.status()
                    + ": " + response.body());
        }
        return response.json();
    }

    JsonNode awaitStatus(String id, String status, Duration atMost) {
        await("experiment " + id + " " + status + " on " + base).atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> experiment(id).get("status").asString().equals(status));
        return experiment(id);
    }

    JsonNode awaitFinished(String id, Duration atMost) {
        await("experiment " + id + " finished on " + base).atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> TERMINAL.contains(experiment(id).get("status").asString()));
        return experiment(id);
    }

    /** The Prometheus exposition's value of a counter summed over all its series, 0 when absent. */
    double metricSum(String name) {
        return get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
