package org.concurrencylab.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservationsTest {

    @Test
    void agreedValuesStayAsTheyAreAndVaryingOnesBecomeRanges() {
        Map<String, Object> combined = Observations.combine(List.of(
                Map.of("lost", 0, "lostUpdates", 10, "outcome", "DEADLOCKED", "mode", "a"),
                Map.of("lost", 0, "lostUpdates", 30, "outcome", "DEADLOCKED", "mode", "b")));

        assertThat(combined).containsEntry("lost", 0).containsEntry("outcome", "DEADLOCKED");
        assertThat(combined.get("lostUpdates")).isEqualTo(Map.of("min", 10.0, "mean", 20.0, "max", 30.0));
        assertThat(combined.get("mode")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void noRunsNoObservations() {
        assertThat(Observations.combine(List.of())).isEmpty();
    }
}
