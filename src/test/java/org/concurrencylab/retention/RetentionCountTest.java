package org.concurrencylab.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code lab.retention.max-experiments} on a short schedule: past the count the oldest finished
 * experiments go, never a queued or running one, never a cell of a study that is kept; a finished
 * study goes whole, with its cells.
 */
@TestPropertySource(properties = {"lab.retention.max-experiments=2", "lab.retention.interval=200ms"})
@ExtendWith(OutputCaptureExtension.class)
class RetentionCountTest extends LabServerTest {

    private static final Duration FINISH = Duration.ofSeconds(60);
    private static final String QUICK = """
            {"model": "SEQUENTIAL", "tasks": 1, "warmups": 0, "repetitions": 1,
             "workload": {"kind": "io.sleep", "params": {"millis": 5}}}""";

    private int status(String path) {
        return api.get(path).status();
    }

    @Test
    void theOldestFinishedGoFirstAndAStudyGoesOnlyWholeOnceItsCellsHaveFinished(CapturedOutput output) {
        String alone = api.submit(QUICK);
        api.awaitStatus(alone, "SUCCEEDED", FINISH);
        // A study whose first cell ends at once and whose second waits a minute (and its baseline another).
        Response submitted = api.post("/api/v1/studies", """
                {"workload": {"kind": "io.sleep"}, "models": ["THREADS"], "parallelism": [1],
                 "sweep": {"millis": [5, 60000]}, "tasks": 1, "warmups": 0, "repetitions": 1, "timeLimitSeconds": 300}""");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String study = submitted.json().get("id").asString();
        List<String> cells = new ArrayList<>();
        submitted.json().get("table").forEach(row -> cells.add(row.get("experimentId").asString()));
        api.awaitStatus(cells.get(0), "SUCCEEDED", FINISH);
        api.awaitStatus(cells.get(1), "RUNNING", FINISH);

        // Three stored, two allowed: the experiment on its own goes; the study's finished cell stays with it.
        await().atMost(FINISH).until(() -> status("/api/v1/experiments/" + alone) == 404);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                status("/api/v1/experiments/" + cells.get(0)) == 200
                        && status("/api/v1/experiments/" + cells.get(1)) == 200
                        && status("/api/v1/studies/" + study) == 200);
        assertThat(api.experiment(cells.get(1)).get("status").asString()).isEqualTo("RUNNING");

        // Once every cell has finished, the study is the oldest finished thing: it goes whole.
        assertThat(api.post("/api/v1/studies/" + study + "/cancel", "").status()).isEqualTo(200);
        api.awaitStatus(cells.get(1), "CANCELLED", FINISH);
        String newer = api.submit(QUICK);

        await().atMost(FINISH).until(() -> status("/api/v1/studies/" + study) == 404);
        assertThat(status("/api/v1/experiments/" + cells.get(0))).isEqualTo(404);
        assertThat(status("/api/v1/experiments/" + cells.get(1))).isEqualTo(404);
        api.awaitStatus(newer, "SUCCEEDED", FINISH);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> status("/api/v1/experiments/" + newer) == 200);

        assertThat(api.counter("lab_experiments_deleted_total", "by=\"retention\"")).isEqualTo(3);
        assertThat(output.getOut()).contains("retention removed 1 finished experiments: 1 on their own, 0 in 0 whole "
                + "studies", "retention removed 2 finished experiments: 0 on their own, 2 in 1 whole studies");
    }
}
