package org.concurrencylab.dist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The AOT cache's training run ({@code bin/concurrency-lab --build-cache}, run by {@code mvn
 * package}): started with {@code lab.dist.training=true}, the server, once ready, serves its own API
 * a few rounds over loopback as a user would (health, a submitted experiment run to its end, reads,
 * a list, a 400 and a 404), then exits; the JDK writes the cache as it exits. So the classes that
 * serve a request are in the cache too, not only those of the start-up.
 *
 * <p>A property read at run time, not a condition on the bean: Spring AOT settles conditions when
 * the build runs. Any answer other than the one expected fails the run (exit status 1), so a
 * broken build never ships a cache trained on errors.
 */
@Component
class AotTraining {

    private static final Logger LOG = LoggerFactory.getLogger(AotTraining.class);
    private static final int ROUNDS = 3;
    private static final String EXPERIMENT = """
            {"name": "training", "model": "THREADS", "parallelism": 2, "tasks": 4, "warmups": 0, "repetitions": 1,
             "baseline": true, "workload": {"kind": "cpu.primes", "params": {"size": 1000}}}""";

    private final boolean enabled;
    private final String token;

    AotTraining(Environment environment) {
        this.enabled = environment.getProperty("lab.dist.training", Boolean.class, false);
        this.token = environment.getProperty("lab.security.bootstrap-token", "");
    }

    /** On a thread of its own: the server only reports itself ready to take traffic after this event. */
    @EventListener
    void onReady(ApplicationReadyEvent ready) {
        if (enabled) {
            ConfigurableApplicationContext context = ready.getApplicationContext();
            Thread.ofPlatform().name("lab-aot-training").start(() -> train(context));
        }
    }

    private void train(ConfigurableApplicationContext context) {
        int status = 0;
        try {
            Loopback api = new Loopback(((WebServerApplicationContext) context).getWebServer().getPort(), token);
            api.awaitUp();
            for (int round = 0; round < ROUNDS; round++) {
                serveOneRound(api);
            }
            LOG.info("AOT training: {} rounds served", ROUNDS);
        } catch (IOException | RuntimeException e) {
            LOG.error("AOT training failed: {}", e.toString());
            status = 1;
        } catch (InterruptedException e) {
            status = 1;
        }
        int exit = status;
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    private static void serveOneRound(Loopback api) throws IOException {
        api.expect("GET", "/actuator/health", null, false, 200);
        api.expect("GET", "/api/v1/me", null, true, 200);
        api.expect("GET", "/api/v1/system", null, true, 200);
        api.expect("GET", "/api/v1/catalog/models", null, true, 200);
        api.expect("GET", "/api/v1/catalog/workloads", null, true, 200);
        String body = api.expect("POST", "/api/v1/experiments?waitSeconds=30", EXPERIMENT, true, 200);
        String id = between(body, "\"id\":\"", "\"");
        api.expect("GET", "/api/v1/experiments/" + id, null, true, 200);
        api.expect("GET", "/api/v1/experiments?page=0&size=20", null, true, 200);
        api.expect("GET", "/api/v1/experiments/no-such-experiment", null, true, 404);
        api.expect("POST", "/api/v1/experiments", "{\"model\": \"THREADS\"}", true, 400);
        api.expect("GET", "/api/v1/experiments", null, false, 401);
    }

    private static String between(String text, String before, String after) {
        int start = text.indexOf(before);
        if (start < 0) {
            throw new IllegalStateException("no " + before + " in " + text);
        }
        start += before.length();
        return text.substring(start, text.indexOf(after, start));
    }

    /**
     * HTTP/1.1 on a plain socket, written out by hand: the JDK's HTTP clients would put hundreds of
     * client classes into the cache, which every start would then load for nothing.
     */
    private record Loopback(int port, String token) {

        /** Health answers 503 until the server takes traffic, a moment after it is ready. */
        void awaitUp() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    expect("GET", "/actuator/health", null, false, 200);
                    return;
                } catch (IllegalStateException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw notYet;
                    }
                    Thread.sleep(50);
                }
            }
        }

        String expect(String method, String path, String body, boolean authenticated, int status) throws IOException {
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            List<String> head = new ArrayList<>(List.of(method + " " + path + " HTTP/1.1", "Host: localhost",
                    "Connection: close", "Accept: application/json"));
            if (authenticated) {
                head.add("Authorization: Bearer " + token);
            }
            if (body != null) {
                head.add("Content-Type: application/json");
                head.add("Content-Length: " + content.length);
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = socket.getOutputStream();
                out.write((String.join("\r\n", head) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(content);
                out.flush();
                String response = readAll(socket.getInputStream());
                String statusLine = response.lines().findFirst().orElse("");
                if (!statusLine.startsWith("HTTP/1.1 " + status + " ")) {
                    throw new IllegalStateException(method + " " + path + " answered " + statusLine + ", not " + status
                            + ": " + response);
                }
                return response;
            }
        }

        private static String readAll(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
