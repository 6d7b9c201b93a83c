package org.concurrencylab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.awaitility.Awaitility;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.TaskContext;
import org.junit.jupiter.api.Test;

class HttpWorkloadTest {

    private static HttpWorkload http(long requests, long delayMillis) {
        return (HttpWorkload) Kinds.IO_HTTP.create(
                new ParamValues(Map.of("requests", requests, "delayMillis", delayMillis)));
    }

    @Test
    void checksumIsTheCrcOfTheTasksRepliesInOrder() throws Exception {
        try (HttpWorkload http = http(3, 0)) {
            assertThat(http.runTask(5, TaskContext.DIRECT)).isEqualTo(crcOf("task 5 request 0\n"
                    + "task 5 request 1\n" + "task 5 request 2\n"));
            assertThat(http.runTask(5, TaskContext.DIRECT)).isEqualTo(http.runTask(5, TaskContext.DIRECT));
            assertThat(http.runTask(6, TaskContext.DIRECT)).isNotEqualTo(http.runTask(5, TaskContext.DIRECT));
        }
    }

    @Test
    void everyRequestIsABlockingSectionAndIsCounted() throws Exception {
        try (HttpWorkload http = http(4, 1)) {
            RecordingContext context = RecordingContext.counting();
            http.runTask(0, context);
            assertThat(context.blockingSections.get()).isEqualTo(4);
            assertThat(context.checkpoints.get()).isZero();
            assertThat(http.observations().plain()).containsEntry("requestsSent", 4L).containsEntry("peakConcurrentRequests", 1L);
        }
    }

    @Test
    void theServerListensOnlyOnLoopbackAndRefusesConnectionsAfterClose() throws Exception {
        HttpWorkload http = http(1, 0);
        InetSocketAddress address = http.serverAddress();
        assertThat(address.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(address.getPort()).isPositive();
        http.runTask(0, TaskContext.DIRECT);
        assertThat(serverThreads()).isNotEmpty();
        http.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", address.getPort()).close()).isInstanceOf(ConnectException.class);
        assertThat(serverThreads()).isEmpty();
    }

    @Test
    void aWaitingRequestEndsPromptlyWhenItsThreadIsInterrupted() throws Exception {
        try (HttpWorkload http = http(1, 10_000)) {
            assertThat(RecordingContext.interruptFromOutside(http, 0)).isInstanceOf(InterruptedException.class);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> serverThreads().isEmpty());
    }

    @Test
    void theServerAnswersConcurrentRequestsAtOnceAndCloseEndsTheirWaits() throws Exception {
        HttpWorkload http = http(1, 60_000);
        List<Thread> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int index = i;
            tasks.add(Thread.ofPlatform().name("test-http-" + i).start(() -> {
                try {
                    http.runTask(index, TaskContext.DIRECT);
                } catch (Exception expected) {
                    // The server stops before it answers.
                }
            }));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> http.observations().plain().get("peakConcurrentRequests").equals(3L));
        http.close();
        for (Thread task : tasks) {
            assertThat(task.join(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(http.observations().plain()).containsEntry("requestsSent", 0L);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> serverThreads().isEmpty());
    }

    private static List<Thread> serverThreads() {
        // Virtual threads are not listed by getAllStackTraces; the JDK's dispatcher thread is.
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("HTTP-Dispatcher"))
                .toList();
    }

    private static long crcOf(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }
}
