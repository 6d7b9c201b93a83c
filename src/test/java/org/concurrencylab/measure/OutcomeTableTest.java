package org.concurrencylab.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.RaceOutcomes;
import org.concurrencylab.measure.ExperimentResult.Outcome;
import org.concurrencylab.workload.Workloads;
import org.junit.jupiter.api.Test;

/** The outcome table groups runs by final value and grades each value as jcstress does. */
class OutcomeTableTest {

    private static final Metric.Count OBSERVED = Metric.count("observed", "", Aggregation.SUM, "");
    private static final Metric.Count EXPECTED = Metric.count("expected", "", Aggregation.SUM, "");
    private static final RaceOutcomes COUNTER = new RaceOutcomes(OBSERVED, EXPECTED);

    private static Observations run(long observed, long expected) {
        return Observations.builder().put(OBSERVED, observed).put(EXPECTED, expected).build();
    }

    @Test
    void runsAreCountedPerFinalValueAcceptableFirstThenTheLeastLost() {
        List<Outcome> table = OutcomeTable.of(COUNTER, List.of(run(150, 200), run(200, 200), run(180, 200),
                run(150, 200), Observations.NONE));

        assertThat(table).containsExactly(
                new Outcome(200, 200, 1, Outcome.Expect.ACCEPTABLE, "observed exactly as expected"),
                new Outcome(180, 200, 1, Outcome.Expect.FORBIDDEN, "20 updates lost"),
                new Outcome(150, 200, 2, Outcome.Expect.FORBIDDEN, "50 updates lost"));
        assertThat(OutcomeTable.sentence(table)).contains("4 measured runs", "3 different final values",
                "3 of 4 runs in a FORBIDDEN one");
    }

    @Test
    void exactRunsMakeOneAcceptableRowAndNoTableWithoutValues() {
        assertThat(OutcomeTable.of(COUNTER, List.of(run(7, 7), run(7, 7))))
                .containsExactly(new Outcome(7, 7, 2, Outcome.Expect.ACCEPTABLE, "observed exactly as expected"));
        assertThat(OutcomeTable.of(COUNTER, List.of(Observations.NONE))).isEmpty();
        assertThat(OutcomeTable.sentence(List.of())).isEmpty();
    }

    @Test
    void theCountersInOneJvmAndAcrossProcessesDeclareTheirOutcomes() {
        for (String kind : List.of("sync.counter", "ipc.shared")) {
            RaceOutcomes declared = Workloads.byId(kind).orElseThrow().outcomes().orElseThrow();
            assertThat(declared.observed().name()).as(kind).isEqualTo("observed");
            assertThat(declared.expected().name()).as(kind).isEqualTo("expected");
        }
    }
}
