package org.concurrencylab.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observations;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ObservationSummaryTest {

    private static final Metric.Count LOST = Metric.count("lost", "items", Aggregation.SUM, "");
    private static final Metric.Count LOST_UPDATES = Metric.count("lostUpdates", "increments", Aggregation.SUM, "");
    private static final Metric.Text OUTCOME = Metric.text("outcome", Aggregation.SAME, "");
    private static final Metric.Text MODE = Metric.text("mode", Aggregation.SAME, "");

    private static Observations run(long lostUpdates, String mode) {
        return Observations.builder().put(LOST, 0).put(LOST_UPDATES, lostUpdates).put(OUTCOME, "DEADLOCKED")
                .put(MODE, mode).build();
    }

    @Test
    void agreedValuesStayAsTheyAreAndVaryingOnesBecomeRanges() {
        ObservationSummary combined = ObservationSummary.of(List.of(run(10, "a"), run(30, "b")));

        Map<String, Object> shown = combined.plain();
        assertThat(shown).containsEntry("lost", 0L).containsEntry("outcome", "DEADLOCKED");
        assertThat(shown.get("lostUpdates")).isEqualTo(Map.of("min", 10.0, "mean", 20.0, "max", 30.0));
        assertThat(shown.get("mode")).isEqualTo(List.of("a", "b"));
        assertThat(combined.number(LOST_UPDATES)).hasValue(20.0);
        assertThat(combined.varies(LOST_UPDATES)).isTrue();
        assertThat(combined.text(MODE)).hasValue("a, b");
        assertThat(combined.text(OUTCOME)).hasValue("DEADLOCKED");
    }

    @Test
    void storedJsonReadsBackAsTheSameSummary() {
        JsonMapper json = JsonMapper.builder().build();
        ObservationSummary combined = ObservationSummary.of(List.of(run(10, "a"), run(30, "b")));

        String stored = json.writeValueAsString(combined);

        assertThat(json.readValue(stored, ObservationSummary.class)).isEqualTo(combined);
    }

    @Test
    void noRunsNoObservations() {
        assertThat(ObservationSummary.of(List.of()).isEmpty()).isTrue();
    }
}
