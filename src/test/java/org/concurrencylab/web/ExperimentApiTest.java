package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The experiment API end to end, as a user drives it over HTTP. */
class ExperimentApiTest extends LabServerTest {

    private static final Duration FINISH = Duration.ofSeconds(60);

    private static String primes(String model, int parallelism) {
        return """
                {"name": "primes %s", "model": "%s", "parallelism": %d, "tasks": 6,
                 "workload": {"kind": "cpu.primes", "params": {"size": 3000}},
                 "warmups": 1, "repetitions": 2, "baseline": true, "timeLimitSeconds": 60}"""
                .formatted(model, model, parallelism);
    }

    private static String longSleep(String model, int timeLimitSeconds) {
        return """
                {"model": "%s", "parallelism": %d, "tasks": 4, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": %d}"""
                .formatted(model, model.equals("SEQUENTIAL") ? 1 : 2, timeLimitSeconds);
    }

    @Test
    void submitAnswers202WithALocationAndTheStoredQueuedExperiment() {
        Response response = api.post("/api/v1/experiments", """
                {"model": "SEQUENTIAL", "workload": {"kind": "io.sleep", "params": {"millis": 1}}}""");

        assertThat(response.status()).isEqualTo(202);
        JsonNode body = response.json();
        String id = body.get("id").asString();
        assertThat(response.header("Location")).endsWith("/api/v1/experiments/" + id);
        assertThat(body.get("status").asString()).isEqualTo("QUEUED");
        // Defaults are filled in and shown.
        assertThat(body.get("parallelism").asInt()).isEqualTo(1);
        assertThat(body.get("tasks").asInt()).isEqualTo(8);
        assertThat(body.get("warmups").asInt()).isEqualTo(1);
        assertThat(body.get("repetitions").asInt()).isEqualTo(3);
        assertThat(body.get("baseline").asBoolean()).isFalse();
        assertThat(body.get("timeLimitSeconds").asInt()).isEqualTo(300);
        assertThat(body.get("name").asString()).isEqualTo("io.sleep on SEQUENTIAL");
        assertThat(api.awaitFinished(id, FINISH).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void everyModelGivesTheSameChecksumAndAFullResult() {
        String sequential = api.submit(primes("SEQUENTIAL", 1));
        String threads = api.submit(primes("THREADS", 2));
        String processes = api.submit(primes("PROCESSES", 2));

        JsonNode seq = api.awaitFinished(sequential, FINISH);
        JsonNode thr = api.awaitFinished(threads, FINISH);
        JsonNode proc = api.awaitFinished(processes, FINISH);
        for (JsonNode e : List.of(seq, thr, proc)) {
            assertThat(e.get("status").asString()).as(e.toString()).isEqualTo("SUCCEEDED");
        }
        long checksum = seq.at("/result/summary/checksum").asLong();
        assertThat(checksum).isPositive()
                .isEqualTo(thr.at("/result/summary/checksum").asLong())
                .isEqualTo(proc.at("/result/summary/checksum").asLong());
        JsonNode workerRun = proc.at("/result/runs/1");
        assertThat(workerRun.get("model").asString()).isEqualTo("PROCESSES");
        assertThat(workerRun.get("startupMillis").asDouble()).isPositive();
        assertThat(workerRun.get("workerPids")).hasSize(2);
        workerRun.get("workerPids").forEach(pid -> assertThat(pid.asLong()).isNotEqualTo(ProcessHandle.current().pid()));

        JsonNode result = thr.get("result");
        // 1 warm-up + 2 measured, each with its baseline run beside it.
        assertThat(result.get("runs")).hasSize(6);
        JsonNode run = result.get("runs").get(1);
        assertThat(run.get("model").asString()).isEqualTo("THREADS");
        assertThat(run.get("warmup").asBoolean()).isTrue();
        for (String field : List.of("wallMillis", "cpuMillis", "tasks", "throughputPerSecond", "checksum")) {
            assertThat(run.has(field)).as(field).isTrue();
        }
        for (String p : List.of("p50", "p90", "p99", "max")) {
            assertThat(run.at("/taskMillis/" + p).isNumber()).as(p).isTrue();
            assertThat(run.at("/queueWaitMillis/" + p).isNumber()).as("queue wait " + p).isTrue();
        }
        JsonNode summary = result.get("summary");
        for (String stat : List.of("mean", "median", "stdDev", "min", "max")) {
            assertThat(summary.at("/wallMillis/" + stat).isNumber()).as(stat).isTrue();
        }
        assertThat(summary.get("speedup").asDouble()).isPositive();
        assertThat(summary.get("efficiency").asDouble()).isPositive();
        assertThat(summary.get("throughputPerSecond").asDouble()).isPositive();
        JsonNode environment = result.get("environment");
        assertThat(environment.get("availableProcessors").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        for (String field : List.of("javaVersion", "javaVendor", "vmName", "osName", "osArch", "systemLoadAverage")) {
            assertThat(environment.has(field)).as(field).isTrue();
        }
        assertThat(thr.get("startedAt").isString()).isTrue();
        assertThat(thr.get("finishedAt").isString()).isTrue();
    }

    @Test
    void waitSecondsAnswersWithTheFinishedExperiment() {
        Response response = api.post("/api/v1/experiments?waitSeconds=30", """
                {"model": "THREADS", "parallelism": 2, "tasks": 2, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 10}}}""");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(response.json().at("/result/summary/checksum").asLong()).isEqualTo(1 + 2);
    }

    @Test
    void listingIsNewestFirstFilteredAndPaged() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(api.submit("""
                    {"model": "THREADS", "parallelism": 1, "tasks": 1, "warmups": 0, "repetitions": 1,
                     "workload": {"kind": "io.sleep", "params": {"millis": 1}}}"""));
        }
        ids.forEach(id -> api.awaitFinished(id, FINISH));

        JsonNode page = api.get("/api/v1/experiments?model=THREADS&workload=io.sleep&status=SUCCEEDED&size=2").json();
        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(ids.get(2));
        assertThat(page.get("items").get(1).get("id").asString()).isEqualTo(ids.get(1));
        assertThat(page.get("totalItems").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(page.get("items").get(0).at("/summary/checksum").asLong()).isEqualTo(1);

        JsonNode next = api.get("/api/v1/experiments?model=THREADS&workload=io.sleep&status=SUCCEEDED&size=2&page=1")
                .json();
        assertThat(next.get("items").get(0).get("id").asString()).isNotIn(ids.get(2), ids.get(1));

        JsonNode none = api.get("/api/v1/experiments?model=PROCESSES&workload=io.sleep&status=CANCELLED").json();
        for (JsonNode item : none.get("items")) {
            assertThat(item.get("model").asString()).isEqualTo("PROCESSES");
        }
    }

    @Test
    void theListShowsTheSameSummaryAsTheExperiment() {
        String id = api.submit("""
                {"name": "listed", "model": "THREADS", "parallelism": 2, "tasks": 2, "warmups": 0, "repetitions": 2,
                 "baseline": true, "workload": {"kind": "io.sleep", "params": {"millis": 5}}}""");
        JsonNode summary = api.awaitFinished(id, FINISH).at("/result/summary");
        assertThat(listed(id).get("summary")).isEqualTo(summary);

        JsonNode item = listed(id);
        assertThat(item.get("name").asString()).isEqualTo("listed");
        assertThat(item.get("parallelism").asInt()).isEqualTo(2);
        assertThat(item.get("tasks").asInt()).isEqualTo(2);
        // Rows stored before the list had these columns (V3) got them from V4: StoredDocumentsMigrationTest.
    }

    private JsonNode listed(String id) {
        for (JsonNode item : api.get("/api/v1/experiments?size=100").json().get("items")) {
            if (item.get("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError(id + " is not in the first page of the list");
    }

    @Test
    void cancellingARunningExperimentInterruptsItsThreads() {
        String id = api.submit(longSleep("THREADS", 120));
        api.awaitStatus(id, "RUNNING", FINISH);
        await().atMost(FINISH).until(() -> labThreads() == 2);

        Response cancel = api.post("/api/v1/experiments/" + id + "/cancel", "");

        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancel.json().get("statusReason").asString()).contains("cancelled");
        await().atMost(FINISH).until(() -> labThreads() == 0);
        assertThat(api.post("/api/v1/experiments/" + id + "/cancel", "").status()).isEqualTo(409);
    }

    @Test
    void aQueuedExperimentIsCancelledBeforeItStarts() {
        String running = api.submit(longSleep("THREADS", 120));
        api.awaitStatus(running, "RUNNING", FINISH);
        // Four minutes of waiting one after another: a time limit below that would be refused at submit.
        String queued = api.submit(longSleep("SEQUENTIAL", 300));

        Response cancel = api.post("/api/v1/experiments/" + queued + "/cancel", "");

        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancel.json().get("statusReason").asString()).contains("before it started");
        assertThat(cancel.json().has("startedAt")).isFalse();
        assertThat(api.post("/api/v1/experiments/" + running + "/cancel", "").json().get("status").asString())
                .isEqualTo("CANCELLED");
    }

    @Test
    void theTimeLimitEndsARunAsTimedOut() {
        // Computing, not waiting: a wait longer than the limit would be refused at submit, a computation
        // (about 1 s of a core per task, two waves of two threads) is only known once it runs.
        String id = api.submit("""
                {"model": "THREADS", "parallelism": 2, "tasks": 4, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "mixed", "params": {"cpuMillis": 1000, "ioMillis": 0}}, "timeLimitSeconds": 1}""");

        JsonNode finished = api.awaitFinished(id, FINISH);

        assertThat(finished.get("status").asString()).isEqualTo("TIMED_OUT");
        assertThat(finished.get("statusReason").asString()).contains("time limit of 1 s");
        await().atMost(FINISH).until(() -> labThreads() == 0);
    }

    @Test
    void unknownIdsAre404ProblemsAndFinishedOnesCannotBeCancelled() {
        Response missing = api.get("/api/v1/experiments/no-such-id");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().get("detail").asString()).contains("no-such-id");
        assertThat(api.post("/api/v1/experiments/no-such-id/cancel", "").status()).isEqualTo(404);

        String id = api.submit("""
                {"model": "SEQUENTIAL", "tasks": 1, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 1}}}""");
        api.awaitStatus(id, "SUCCEEDED", FINISH);
        Response conflict = api.post("/api/v1/experiments/" + id + "/cancel", "");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.json().get("detail").asString()).contains("SUCCEEDED");
    }

    private static long labThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("lab-threads-") && t.isAlive())
                .count();
    }

    @Test
    void runsCsvHasAHeaderAndOneRowPerRunAndTheResultAnInterpretation() {
        String id = api.submit(primes("THREADS", 2));
        JsonNode finished = api.awaitFinished(id, FINISH);
        assertThat(finished.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(finished.at("/result/interpretation").asString()).contains("THREADS", "x the single thread");

        Response csv = api.get("/api/v1/experiments/" + id + "/runs.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("index,warmup,baseline,model,wall_ms,cpu_ms,tasks,throughput_per_s,"
                + "task_p50_ms,task_p90_ms,task_p99_ms,task_max_ms,queue_wait_p50_ms,queue_wait_p99_ms,startup_ms,checksum");
        int runs = finished.at("/result/runs").size();
        assertThat(lines).hasSize(runs + 1);
        JsonNode second = finished.at("/result/runs/1");
        assertThat(lines[2]).startsWith("1," + second.get("warmup").asBoolean() + "," + second.get("baseline")
                .asBoolean() + "," + second.get("model").asString() + ",").endsWith("," + second.get("checksum").asLong());
    }

    @Test
    void runsCsvIs404ForUnknownAnd409BeforeResults() {
        Response missing = api.get("/api/v1/experiments/no-such-id/runs.csv");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");

        String id = api.submit(longSleep("THREADS", 120));
        api.awaitStatus(id, "RUNNING", FINISH);
        Response early = api.get("/api/v1/experiments/" + id + "/runs.csv");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.contentType()).startsWith("application/problem+json");
        assertThat(early.json().get("detail").asString()).contains("no results yet");
        api.post("/api/v1/experiments/" + id + "/cancel", "");
    }
}
