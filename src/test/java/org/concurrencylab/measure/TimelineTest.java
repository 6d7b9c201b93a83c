package org.concurrencylab.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.TaskRecord;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void overlappingIntervalsGetDifferentLanes() {
        int[] lanes = Timeline.lanes(new long[][] {{0, 10}, {5, 15}, {8, 20}});
        assertThat(lanes).containsExactly(0, 1, 2);
    }

    @Test
    void sequentialIntervalsShareALane() {
        int[] lanes = Timeline.lanes(new long[][] {{20, 30}, {0, 10}, {10, 20}});
        assertThat(lanes).containsExactly(0, 0, 0);
    }

    @Test
    void aFreedLaneIsReusedFirstAndTheLaneCountIsTheMostOverlapping() {
        // Equal starts go shorter first: 0-4 in lane 0, 0-10 in lane 1; 5-9 reuses lane 0 (free since 4),
        // and so does 10-12 (free since 9): two lanes, the most tasks running at once.
        int[] lanes = Timeline.lanes(new long[][] {{0, 10}, {0, 4}, {5, 9}, {10, 12}});
        assertThat(lanes).containsExactly(1, 0, 0, 0);
    }

    @Test
    void runResultRecordsMicrosFromTheFirstStartAndOmitsLargeRuns() {
        List<TaskRecord> tasks = List.of(
                new TaskRecord(1, 1_002_000_000L, 1_003_000_000L, 1),
                new TaskRecord(0, 1_000_000_000L, 1_002_500_000L, 1));
        RunResult run = RunResult.of(0, false, false, "THREADS", 3_000_000, -1, 0, tasks, List.of(),
                org.concurrencylab.core.Observations.NONE, List.of());
        assertThat(run.timeline()).hasSize(2);
        assertThat(run.timeline().get(0)).containsExactly(0, 0, 2_500);
        assertThat(run.timeline().get(1)).containsExactly(1, 2_000, 3_000);

        List<TaskRecord> many = new ArrayList<>();
        for (int i = 0; i <= Timeline.MAX_TASKS; i++) {
            many.add(new TaskRecord(i, i * 10L, i * 10L + 5, 1));
        }
        RunResult large = RunResult.of(0, false, false, "THREADS", 30_000, -1, 0, many, List.of(),
                org.concurrencylab.core.Observations.NONE, List.of());
        assertThat(large.timeline()).isNull();
        assertThat(TimelineChart.render("x", large)).contains("No timeline");
    }

    @Test
    void gilHoldsShareTheTimelinesClockAndAreDrawnAsALanePerThread() {
        List<TaskRecord> tasks = List.of(
                new TaskRecord(0, 1_000_000_000L, 1_004_000_000L, 1),
                new TaskRecord(1, 1_000_100_000L, 1_004_000_000L, 1));
        // Thread 0 holds the lock before the first task started (set-up), then they take turns.
        List<long[]> holds = List.of(new long[] {0, 999_900_000L, 1_001_000_000L},
                new long[] {1, 1_001_000_000L, 1_002_000_000L}, new long[] {0, 1_002_000_000L, 1_004_000_000L});
        RunResult run = RunResult.of(3, false, false, "GIL", 4_000_000, -1, 0, tasks, List.of(),
                org.concurrencylab.core.Observations.NONE, holds);

        assertThat(run.gilHolds()).hasSize(3);
        assertThat(run.gilHolds().get(0)).containsExactly(0, 0, 1_000);
        assertThat(run.gilHolds().get(1)).containsExactly(1, 1_000, 2_000);
        assertThat(run.gilHolds().get(2)).containsExactly(0, 2_000, 4_000);
        String svg = TimelineChart.render("GIL run", run);
        assertThat(svg).contains("GIL: who holds the lock").contains(">thread 1<").contains(">thread 2<");
        assertThat(svg.split("class=\"gil-hold\"", -1)).hasSize(4);

        RunResult threads = RunResult.of(3, false, false, "THREADS", 4_000_000, -1, 0, tasks, List.of(),
                org.concurrencylab.core.Observations.NONE, List.of());
        assertThat(threads.gilHolds()).isNull();
        assertThat(TimelineChart.render("threads run", threads)).doesNotContain("GIL:").doesNotContain("gil-hold");
    }
}
