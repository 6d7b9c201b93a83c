package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.concurrencylab.support.LabApi;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A class sharing one lab: each user may hold only so many experiments in the queue, submit only
 * so often, and waits its turn with the others rather than behind one user's whole batch.
 */
@TestPropertySource(properties = {"lab.limits.per-user.queued=3", "lab.limits.per-user.submits-per-minute=4",
        "lab.limits.retry-after=9s"})
class QuotasTest extends LabServerTest {

    private static final AtomicInteger NEXT = new AtomicInteger();

    /** Keeps the node's one experiment slot busy, so what others submit stays QUEUED. */
    private static final String LONG_WAIT = """
            {"model": "THREADS", "parallelism": 1, "tasks": 1, "warmups": 0, "repetitions": 1,
             "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 120}""";

    private static final String QUICK = """
            {"name": "%s", "model": "THREADS", "parallelism": 1, "tasks": 1, "warmups": 0, "repetitions": 1,
             "workload": {"kind": "io.sleep", "params": {"millis": 1}}}""";

    private static final String ONE_CELL_STUDY = """
            {"workload": {"kind": "io.sleep", "params": {"millis": 1}}, "models": ["THREADS"],
             "parallelism": [1], "warmups": 0, "repetitions": 1}""";

    private LabApi student() {
        String name = "quota-" + NEXT.incrementAndGet() + "-" + System.nanoTime() % 100_000;
        Response made = api.post("/api/v1/users", "{\"name\": \"" + name + "\", \"role\": \"STUDENT\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return api.as(made.json().get("token").asString());
    }

    private String blockTheNode() {
        String blocker = api.submit(LONG_WAIT);
        api.awaitStatus(blocker, "RUNNING", Duration.ofSeconds(30));
        return blocker;
    }

    @Test
    void theSubmitPastAUsersQueuedQuotaIs429WithRetryAfterAndOthersStillGetIn() {
        blockTheNode();
        LabApi ann = student();
        for (int i = 1; i <= 3; i++) {
            assertThat(ann.post("/api/v1/experiments", QUICK.formatted("ann " + i)).status()).isEqualTo(202);
        }

        Response refused = ann.post("/api/v1/experiments", QUICK.formatted("ann 4"));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("9");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("lab.limits.per-user.queued", "3");
        // The quota is Ann's: a classmate still gets in.
        assertThat(student().post("/api/v1/experiments", QUICK.formatted("bob 1")).status()).isEqualTo(202);
    }

    @Test
    void submitsSentAtOnceNeverTakeTheQuotasLastPlaceTwice() throws Exception {
        blockTheNode();
        LabApi ann = student();
        assertThat(ann.post("/api/v1/experiments", QUICK.formatted("ann 1")).status()).isEqualTo(202);

        // Three at once for the two places left (a double click, a script in a loop): two get in.
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(3)) {
            for (int i = 2; i <= 4; i++) {
                String body = QUICK.formatted("ann " + i);
                statuses.add(senders.submit(() -> {
                    go.await();
                    return ann.post("/api/v1/experiments", body).status();
                }));
            }
            go.countDown();
        }
        List<Integer> answered = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            answered.add(status.get());
        }

        assertThat(answered).containsExactlyInAnyOrder(202, 202, 429);
        JsonNode queued = ann.get("/api/v1/experiments?status=QUEUED").json();
        assertThat(queued.get("totalItems").asLong()).isEqualTo(3);
    }

    @Test
    void aStudyCountsItsCellsAgainstTheQuota() {
        blockTheNode();
        LabApi ann = student();
        assertThat(ann.post("/api/v1/experiments", QUICK.formatted("ann 1")).status()).isEqualTo(202);
        assertThat(ann.post("/api/v1/experiments", QUICK.formatted("ann 2")).status()).isEqualTo(202);

        Response refused = ann.post("/api/v1/studies", """
                {"workload": {"kind": "io.sleep", "params": {"millis": 1}}, "models": ["THREADS"],
                 "parallelism": [1, 2], "warmups": 0, "repetitions": 1}""");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("9");
        // The numbers a student needs to shrink the study: the cells it needed and the room the quota had.
        assertThat(refused.json().get("detail").asString()).startsWith("the study needs 2 cells but your quota has "
                + "room for 1 (lab.limits.per-user.queued = 3");
        assertThat(ann.post("/api/v1/studies", ONE_CELL_STUDY).status()).isEqualTo(202);
    }

    @Test
    void aSecondUsersExperimentRunsBeforeTheFirstUsersLastOne() {
        String blocker = blockTheNode();
        LabApi ann = student();
        LabApi bob = student();
        List<String> anns = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            anns.add(ann.submit(QUICK.formatted("ann " + i)));
        }
        String bobs = bob.submit(QUICK.formatted("bob 1"));

        api.post("/api/v1/experiments/" + blocker + "/cancel", "");

        Instant bobStarted = started(bob, bobs);
        List<Instant> annStarted = anns.stream().map(id -> started(ann, id)).toList();
        // Ann's first (the oldest of all) went first, then Bob's, then the rest of Ann's.
        assertThat(bobStarted).isAfter(annStarted.get(0)).isBefore(annStarted.get(1)).isBefore(annStarted.get(2));
    }

    @Test
    void everySubmitCarriesTheRateLimitHeadersAndOnePastTheLimitIs429() {
        LabApi ann = student();

        Response first = ann.post("/api/v1/experiments", QUICK.formatted("ann 1"));
        Response study = ann.post("/api/v1/studies", ONE_CELL_STUDY);
        // A refused spec still spent a submit.
        Response invalid = ann.post("/api/v1/experiments", "{\"model\": \"THREADS\"}");
        Response fourth = ann.post("/api/v1/experiments", "{\"model\": \"THREADS\"}");
        Response fifth = ann.post("/api/v1/experiments", QUICK.formatted("ann 5"));

        assertThat(first.status()).isEqualTo(202);
        assertThat(study.status()).isEqualTo(202);
        assertThat(invalid.status()).isEqualTo(400);
        for (Response r : List.of(first, study, invalid, fourth, fifth)) {
            assertThat(r.header("RateLimit-Policy")).isEqualTo("\"submits\";q=4;w=60");
        }
        assertThat(first.header("RateLimit")).matches("\"submits\";r=3;t=\\d+");
        assertThat(study.header("RateLimit")).matches("\"submits\";r=2;t=\\d+");
        assertThat(invalid.header("RateLimit")).matches("\"submits\";r=1;t=\\d+");
        assertThat(fourth.header("RateLimit")).matches("\"submits\";r=0;t=\\d+");
        assertThat(fifth.status()).isEqualTo(429);
        assertThat(fifth.contentType()).startsWith("application/problem+json");
        assertThat(fifth.header("RateLimit")).matches("\"submits\";r=0;t=\\d+");
        assertThat(Long.parseLong(fifth.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(fifth.json().get("detail").asString()).contains("lab.limits.per-user.submits-per-minute");
        // Another user's budget is its own.
        assertThat(student().post("/api/v1/experiments", QUICK.formatted("bob 1")).status()).isEqualTo(202);
    }

    private static Instant started(LabApi as, String id) {
        return Instant.parse(as.awaitFinished(id, Duration.ofSeconds(60)).get("startedAt").asString());
    }
}
