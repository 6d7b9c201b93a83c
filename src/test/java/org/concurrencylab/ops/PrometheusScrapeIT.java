package org.concurrencylab.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import org.concurrencylab.support.LabApi;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * /actuator/prometheus as Prometheus sees it: the text format, promtool's lint, and a real
 * Prometheus server scraping the application. The promtool and server parts are skipped where the
 * binaries are not installed (.ci/run installs Debian's prometheus package, which ships both).
 * All traffic stays on 127.0.0.1.
 */
class PrometheusScrapeIT extends OpsIntegrationTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path work;

    @Test
    void exposesJvmAndHttpMetricsInTheTextFormat() {
        assertThat(get(baseUrl() + "/api/v1/experiments").statusCode()).isEqualTo(200);

        // The request's timer is recorded as its response completes, so it may lag a moment.
        String metrics = await().atMost(Duration.ofSeconds(10))
                .until(this::scrape, text -> text.contains("uri=\"/api/v1/experiments\""));

        assertThat(metrics)
                .contains("# HELP jvm_memory_used_bytes ")
                .contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("# TYPE jvm_threads_live_threads gauge")
                .contains("# TYPE http_server_requests_seconds summary")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/experiments\"[^}]*} \\d+")
                .contains("application=\"concurrency-lab\"");
    }

    @Test
    void promtoolAcceptsTheExposition() throws IOException {
        Path promtool = ExternalProcess.findExecutable("promtool", Path.of("/usr/bin/promtool"))
                .orElse(null);
        Assumptions.assumeTrue(promtool != null, "promtool is not installed; skipping its check");
        // Run one experiment first, so the lab's own counters and timers are in the exposition too.
        LabApi.Response submitted = new LabApi(port).post("/api/v1/experiments?waitSeconds=60", """
                {"model": "THREADS", "parallelism": 2, "tasks": 2, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 1}}}""");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        String text = scrape();
        assertThat(text).contains("lab_experiments_finished_total", "lab_experiment_duration_seconds",
                "lab_queue_depth", "lab_workers_live");
        Path exposition = Files.writeString(work.resolve("metrics.txt"), text);

        ExternalProcess.Finished check = ExternalProcess.run(
                List.of(promtool.toString(), "check", "metrics"), work.resolve("promtool"), exposition,
                Duration.ofSeconds(60));

        // Exit 0 and no output: parsed, and not one lint finding.
        assertThat(check.exitCode()).as(check.describe()).isZero();
        assertThat((check.stdout() + check.stderr()).strip()).as(check.describe()).isEmpty();
    }

    /** The one node compose file's and the several nodes' one. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"prometheus.yml", "prometheus.nodes.yml"})
    void shippedComposeConfigurationIsValid(String file) {
        Path promtool = ExternalProcess.findExecutable("promtool", Path.of("/usr/bin/promtool"))
                .orElse(null);
        Assumptions.assumeTrue(promtool != null, "promtool is not installed; skipping its check");
        // The shipped file reads the scrape token from lab-token beside it, which promtool checks is there.
        Path config;
        try {
            Path folder = Files.createDirectories(work.resolve("shipped-" + file));
            config = Files.copy(Path.of(System.getProperty("basedir", "."), "docker", file), folder.resolve(file));
            Files.writeString(folder.resolve("lab-token"), "a-metrics-token");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        ExternalProcess.Finished check = ExternalProcess.run(
                List.of(promtool.toString(), "check", "config", config.toString()), work.resolve("promtool-" + file), null,
                Duration.ofSeconds(60));

        assertThat(check.exitCode()).as(check.describe()).isZero();
    }

    @Test
    void aRealPrometheusScrapesTheApplication() throws IOException {
        Path prometheusBinary = ExternalProcess.findExecutable("prometheus", Path.of("/usr/bin/prometheus"))
                .orElse(null);
        Assumptions.assumeTrue(prometheusBinary != null, "prometheus is not installed; skipping the scrape");
        int prometheusPort = freeLoopbackPort();
        String prometheusUrl = "http://127.0.0.1:" + prometheusPort;
        // Prometheus scrapes with a token of its own role, METRICS, read from a file as docker/prometheus.yml shows.
        LabApi.Response scraper = new LabApi(port).post("/api/v1/users",
                "{\"name\": \"prometheus-" + prometheusPort + "\", \"role\": \"METRICS\"}");
        assertThat(scraper.status()).as(scraper.body()).isEqualTo(201);
        Path tokenFile = Files.writeString(work.resolve("lab-token"), scraper.json().get("token").asString());
        Path config = Files.writeString(work.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: lab
                    metrics_path: /actuator/prometheus
                    authorization:
                      type: Bearer
                      credentials_file: %s
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(tokenFile, port));

        List<String> command = List.of(
                prometheusBinary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + prometheusPort);
        try (ExternalProcess prometheus = ExternalProcess.start(command, work.resolve("prometheus"), null)) {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .alias("Prometheus reports the lab target up")
                    .untilAsserted(() -> {
                        assertThat(prometheus.isAlive()).as(prometheus.describeOutput()).isTrue();
                        JsonNode target = json.readTree(get(prometheusUrl + "/api/v1/targets?state=active").body())
                                .at("/data/activeTargets/0");
                        assertThat(target.at("/scrapeUrl").asString(""))
                                .isEqualTo("http://127.0.0.1:" + port + "/actuator/prometheus");
                        assertThat(target.at("/health").asString(""))
                                .as("target health, last error: %s", target.at("/lastError").asString(""))
                                .isEqualTo("up");
                    });

            String query = URLEncoder.encode("up{job=\"lab\"}", StandardCharsets.UTF_8);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .untilAsserted(() -> {
                        JsonNode result = json.readTree(get(prometheusUrl + "/api/v1/query?query=" + query).body())
                                .at("/data/result/0/value/1");
                        assertThat(result.asString("")).isEqualTo("1");
                    });
        }
    }

    private String scrape() {
        HttpResponse<String> response = get(baseUrl() + "/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        return response.body();
    }

    private HttpResponse<String> get(String url) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (url.startsWith(baseUrl())) {
            builder.header("Authorization", "Bearer " + LabApi.ADMIN_TOKEN);
        }
        HttpRequest request = builder.build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted during GET " + url, e);
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
