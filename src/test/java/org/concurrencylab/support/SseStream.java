package org.concurrencylab.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal Server-Sent Events client over a real HTTP stream: reads it line by line on a thread
 * of its own, as the events arrive, until the server ends it or the test closes it.
 */
public final class SseStream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One event as sent: its id (-1 without one), name and data. */
    public record Event(long id, String name, String data) {

        public JsonNode json() {
            return JSON.readTree(data);
        }
    }

    private final Stream<String> lines;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private volatile boolean ended;

    private SseStream(Stream<String> lines) {
        this.lines = lines;
        Thread.ofVirtual().name("sse-reader").start(this::read);
    }

    /** Opens {@code path} on the local server as the first admin and checks that it answered with an event stream. */
    public static SseStream open(int port, String path) {
        return open(port, path, LabApi.ADMIN_TOKEN);
    }

    /** The same as the user of {@code token}. */
    public static SseStream open(int port, String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token)
                .GET().build();
        try {
            HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).as("status of " + path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            return new SseStream(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        Long id = null;
        String name = "message";
        StringBuilder data = new StringBuilder();
        try {
            for (var it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id == null ? -1 : id, name, data.toString()));
                    }
                    id = null;
                    name = "message";
                    data.setLength(0);
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "id" -> id = Long.parseLong(value);
                    case "event" -> name = value;
                    case "data" -> data.append(data.isEmpty() ? "" : "\n").append(value);
                    default -> { }
                }
            }
        } catch (RuntimeException e) {
            // closed by the test
        } finally {
            ended = true;
        }
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public boolean ended() {
        return ended;
    }

    public void awaitEnd(Duration atMost) {
        await().atMost(atMost).until(() -> ended);
    }

    /** Asserts the ids are a sequence: strictly growing, in the order the events arrived. */
    public void assertIdsGrow() {
        List<Event> all = events();
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).id()).as("id of event %d of %s", i, all).isGreaterThan(all.get(i - 1).id());
        }
    }

    @Override
    public void close() {
        lines.close();
    }
}
