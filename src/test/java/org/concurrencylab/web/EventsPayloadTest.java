package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.ExperimentStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The JSON of stream events, field for field and in the order the API documents. */
class EventsPayloadTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final ExperimentStreams.Progress RUN = new ExperimentStreams.Progress(1, 2, true, false, "THREADS", 12.5);

    @Test
    void anExperimentsProgress() {
        assertThat(JSON.writeValueAsString(RUN))
                .isEqualTo("{\"done\":1,\"total\":2,\"warmup\":true,\"baseline\":false,\"model\":\"THREADS\",\"wallMillis\":12.5}");
    }

    @Test
    void aStudyCellsRepetitionIsTheRunsProgressAfterItsExperimentId() {
        assertThat(JSON.writeValueAsString(new StudyStreams.CellRepetition("e1", RUN))).isEqualTo(
                "{\"experimentId\":\"e1\",\"done\":1,\"total\":2,\"warmup\":true,\"baseline\":false,\"model\":\"THREADS\","
                        + "\"wallMillis\":12.5}");
    }

    @Test
    void aStudyCellsProgressCarriesItsRowWithNullsAsNullsAndNoRowFieldsWithoutARow() {
        var row = new StudyStreams.CellProgress.Row(ExecutionModel.THREADS, 2, 41.2, null);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("done", 2);
        expected.put("total", 9);
        expected.put("experimentId", "e1");
        expected.put("status", "SUCCEEDED");
        expected.put("model", "THREADS");
        expected.put("parallelism", 2);
        expected.put("medianWallMillis", 41.2);
        expected.put("speedup", null);

        assertThat(JSON.writeValueAsString(new StudyStreams.CellProgress(2, 9, "e1", ExperimentStatus.SUCCEEDED, row)))
                .isEqualTo(JSON.writeValueAsString(expected));
        assertThat(JSON.writeValueAsString(new StudyStreams.CellProgress(2, 9, "e1", ExperimentStatus.FAILED, null)))
                .isEqualTo("{\"done\":2,\"total\":9,\"experimentId\":\"e1\",\"status\":\"FAILED\"}");
    }
}
