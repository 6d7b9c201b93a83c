package org.concurrencylab.workload;

import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Cooperative;
import org.concurrencylab.core.Loop;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskCost;
import org.concurrencylab.core.WorkKind;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.core.Workload;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.CRC32;

/**
 * Network IO without the network: each task sends {@code requests} GETs, one after another, to an
 * HTTP server this workload starts on 127.0.0.1, which waits {@code delayMillis} before it
 * answers, like a slow remote service. The client only ever calls that server, never another host.
 * A task spends nearly all its time waiting for replies, so threads (and virtual threads even more)
 * overlap tasks, and the {@code peakConcurrentRequests} observation shows how many waits overlapped.
 *
 * <p>Shared: the server and one {@link HttpClient} per run (per JVM: a worker JVM starts its own),
 * both stopped by {@link #close()}. The server handles each request on its own virtual thread, so
 * it never limits how many requests overlap. Each reply names the task and request it answers;
 * the checksum is the CRC32 of a task's replies in order, the same on every model.
 *
 * <p>On an event loop each request is sent with the client's non-blocking {@code sendAsync} and
 * the task resumes on the loop when the reply arrives, as an aiohttp request awaits its response.
 */
final class HttpWorkload implements Workload, Cooperative {

    static final Param.Int REQUESTS = Param.integer("requests", "GET requests each task sends, one after another",
            "requests", 5, 1, 1_000);
    static final Param.Int DELAY_MILLIS = Param.integer("delayMillis", "how long the loopback server waits before "
            + "each answer", "milliseconds", 20, 0, 10_000);
    static final Metric.Count REQUESTS_SENT = Metric.count("requestsSent", "requests", Aggregation.SUM,
            "requests answered");
    static final Metric.Count PEAK_CONCURRENT_REQUESTS = Metric.count("peakConcurrentRequests", "requests",
            Aggregation.MAX, "the most requests the server held at once (each worker JVM runs its own server)");

    static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("io.http", WorkKind.IO)
            .description("IO-bound: each task sends requests GETs, one after another, to an HTTP server the lab "
                    + "starts on 127.0.0.1 that waits delayMillis before answering, like a slow remote service (no "
                    + "other host is ever called). Threads overlap the waits even under a GIL; virtual threads "
                    + "overlap thousands. Reports requestsSent and peakConcurrentRequests.")
            .params(REQUESTS, DELAY_MILLIS)
            .cooperative()
            .metrics(REQUESTS_SENT, PEAK_CONCURRENT_REQUESTS)
            // A task's requests go one after another, each answered no sooner than the server's delay.
            .cost(p -> TaskCost.waiting(p.get(REQUESTS) * p.get(DELAY_MILLIS)))
            .factory(p -> new HttpWorkload(p.get(REQUESTS), p.get(DELAY_MILLIS)))
            // A JVM started from an AOT cache loads and links every class in it at start-up, whether
            // it uses it or not. io.http's JDK HTTP client and server are about 1,550 classes, more than
            // the rest of the worker together: trained in, they cost every worker of every kind about
            // 40 ms of CPU before READY (benchmark 3 of issue 6), to spare io.http alone loading them.
            .notInWorkerCache()
            .build();

    private static final String PATH = "/lab/delay";
    // Room for many clients connecting at once (virtual threads); the kernel may cap it lower.
    private static final int BACKLOG = 1024;
    // A reply later than its delay plus this is a failure, not a wait.
    private static final Duration TIMEOUT_MARGIN = Duration.ofSeconds(30);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final long requests;
    private final long delayMillis;
    private final ExecutorService handlers;
    private final HttpClient client;
    private final HttpServer server;
    private final URI base;
    private final LongAdder requestsSent = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    HttpWorkload(long requests, long delayMillis) {
        this.requests = requests;
        this.delayMillis = delayMillis;
        this.handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lab-http-server-", 0).factory());
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(TIMEOUT_MARGIN)
                .build();
        try {
            this.server = HttpServer.create(new InetSocketAddress(loopback(), 0), BACKLOG);
        } catch (IOException e) {
            client.shutdownNow();
            handlers.shutdownNow();
            throw new UncheckedIOException("cannot start the loopback server for io.http", e);
        }
        server.createContext(PATH, this::handle);
        server.setExecutor(handlers);
        server.start();
        this.base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH + "/");
    }

    private static InetAddress loopback() {
        try {
            // By address, not by name: no resolver is asked, and never ::1 or another interface.
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4-byte address is always valid", e);
        }
    }

    /** Where the server listens, for tests. */
    InetSocketAddress serverAddress() {
        return server.getAddress();
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        CRC32 crc = new CRC32();
        for (long r = 0; r < requests; r++) {
            HttpRequest request = request(taskIndex, r);
            AtomicReference<HttpResponse<byte[]>> response = new AtomicReference<>();
            context.blocking(() -> response.set(send(request)));
            crc.update(checked(response.get(), taskIndex, r));
        }
        return crc.getValue();
    }

    /** The same requests in turn, each awaited on the loop: the task yields while its reply is on the way. */
    @Override
    public CompletionStage<Long> start(int taskIndex, Loop loop) {
        CRC32 crc = new CRC32();
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (long r = 0; r < requests; r++) {
            long index = r;
            chain = chain.thenCompose(previous -> loop.resume(
                            client.sendAsync(request(taskIndex, index), HttpResponse.BodyHandlers.ofByteArray())))
                    .thenAccept(response -> crc.update(checked(response, taskIndex, index)));
        }
        return chain.thenApply(done -> crc.getValue());
    }

    private HttpRequest request(int taskIndex, long r) {
        return HttpRequest.newBuilder(base.resolve(taskIndex + "/" + r))
                .timeout(Duration.ofMillis(delayMillis).plus(TIMEOUT_MARGIN))
                .GET()
                .build();
    }

    /** The body of a reply, counted, once it is the right one for this task's request. */
    private byte[] checked(HttpResponse<byte[]> response, int taskIndex, long r) {
        requestsSent.increment();
        if (response.statusCode() != 200) {
            throw new IllegalStateException("loopback server answered " + response.statusCode());
        }
        byte[] body = response.body();
        if (!new String(body, StandardCharsets.US_ASCII).equals(reply(taskIndex, r))) {
            throw new IllegalStateException("loopback server answered task " + taskIndex + " request " + r
                    + " with another reply");
        }
        return body;
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + request.uri().getPath() + " failed", e);
        }
    }

    /** The body that answers a task's request: small, and different for every request. */
    static String reply(long taskIndex, long request) {
        return "task " + taskIndex + " request " + request + "\n";
    }

    /** Waits the delay, then names the task and request of the path {@code /lab/delay/{task}/{request}}. */
    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] body = awaitReply(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=us-ascii");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            // The run is closing: drop the reply, keep the flag for the virtual thread's end.
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The reply to a path, or null for a path that names no task and request, after the delay. A
     * request counts as in flight only while here, not until its reply is written: once the reply
     * is out, the client may send its next request before the handler returns, and one client
     * asking in turn would then look like two at once.
     */
    private byte[] awaitReply(String path) throws InterruptedException {
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            String[] ids = path.substring(PATH.length()).split("/");
            long task;
            long request;
            try {
                task = Long.parseLong(ids[1]);
                request = Long.parseLong(ids[2]);
            } catch (RuntimeException e) {
                return null;
            }
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            return reply(task, request).getBytes(StandardCharsets.US_ASCII);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** {@code requestsSent} (answered) and {@code peakConcurrentRequests} the server saw at once. */
    @Override
    public Observations observations() {
        return Observations.builder()
                .put(REQUESTS_SENT, requestsSent.sum())
                .put(PEAK_CONCURRENT_REQUESTS, peakInFlight.get())
                .build();
    }

    @Override
    public void close() {
        // The listener first, so nothing new arrives; then interrupt waiting handlers and requests.
        server.stop(0);
        handlers.shutdownNow();
        client.shutdownNow();
        try {
            handlers.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            client.awaitTermination(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
