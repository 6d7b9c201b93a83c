package org.concurrencylab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.InvalidRequestException.Violation;
import org.concurrencylab.experiment.ExperimentSpec.WorkloadSpec;
import org.junit.jupiter.api.Test;

/** The submit-time lower bound from the workloads' declared waits, and the refusal it gives. */
class WaitBoundTest {

    private final LimitsProperties limits = new LimitsProperties(Map.of(), 100_000, 20, 100, 300, 3600, 100,
            Duration.ofSeconds(30), Map.of(), Map.of(), new LimitsProperties.PerUser(10, 60));
    private final SpecValidator validator = new SpecValidator(limits);

    private static ExperimentSpec sleep(ExecutionModel model, Integer parallelism, int tasks, long millis,
            boolean baseline, Integer timeLimit) {
        return new ExperimentSpec(null, model, parallelism, tasks, new WorkloadSpec("io.sleep", Map.of("millis", millis)),
                null, null, baseline, timeLimit);
    }

    @Test
    void tenThousandWaitsOfAHundredMillisWithABaselineAreRefusedNamingTheEstimateAndTheLimit() {
        assertThatThrownBy(() -> validator.resolve(sleep(ExecutionModel.VIRTUAL_THREADS, null, 10_000, 100, true, null)))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::field).containsExactly("timeLimitSeconds");
                    // 1 warm-up + 3 measured runs, each baseline run 10,000 x 100 ms one after another.
                    assertThat(e.violations().getFirst().message())
                            .startsWith("is 300 s, but this spec needs at least 4,000 s (the SEQUENTIAL baseline alone "
                                    + "needs 4,000 s): 4 runs (1 warm-up, 3 measured) of VIRTUAL_THREADS at 0.100 s "
                                    + "each (10,000 tasks x 100 ms waiting, 10,000 at once) and of the SEQUENTIAL "
                                    + "baseline at 1,000 s each (one after another)")
                            .contains("no time limit allowed here (at most 3600 s) is long enough")
                            .endsWith("or leave out the baseline");
                });
        // Without the baseline the same waits overlap: a tenth of a second a run.
        ResolvedSpec alone = validator.resolve(sleep(ExecutionModel.VIRTUAL_THREADS, null, 10_000, 100, false, null));
        assertThat(WaitBound.of(alone).orElseThrow().seconds()).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void aBoundWithinTheLongestLimitSaysWhatToRaiseTheLimitTo() {
        assertThatThrownBy(() -> validator.resolve(sleep(ExecutionModel.THREADS, 2, 4, 60_000, false, 60)))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.violations().getFirst().message())
                        .startsWith("is 60 s, but this spec needs at least 480 s: 4 runs (1 warm-up, 3 measured) of "
                                + "THREADS at 120 s each (4 tasks x 60,000 ms waiting, 2 at once)")
                        .contains("raise timeLimitSeconds to at least 480 (at most 3600)"));
    }

    @Test
    void wavesFollowWhatEachModelRunsAtOnce() {
        // 16 tasks of 50 ms on 8 threads: two waves; the baseline 16 x 50 ms.
        WaitBound threads = WaitBound.of(validator.resolve(sleep(ExecutionModel.THREADS, 8, 16, 50, true, null)))
                .orElseThrow();
        assertThat(threads.modelRunMillis()).isEqualTo(100);
        assertThat(threads.baselineRunMillis()).isEqualTo(800);
        assertThat(threads.seconds()).isCloseTo(3.6, within(1e-9));
        assertThat(threads.estimate().basis()).isEqualTo(Estimate.Basis.WAITS);
        assertThat(threads.estimate().detail()).startsWith("at least 3.60 s: ");

        // An event loop overlaps every cooperative wait, but a blocking one holds its one thread.
        ExperimentSpec loop = new ExperimentSpec(null, ExecutionModel.EVENT_LOOP, null, 20,
                new WorkloadSpec("io.sleep", Map.of("millis", 100, "blocking", 1)), 0, 1, false, null);
        assertThat(WaitBound.of(validator.resolve(loop)).orElseThrow().modelRunMillis()).isEqualTo(2000);
        ExperimentSpec yielding = new ExperimentSpec(null, ExecutionModel.EVENT_LOOP, null, 20,
                new WorkloadSpec("io.sleep", Map.of("millis", 100)), 0, 1, false, null);
        assertThat(WaitBound.of(validator.resolve(yielding)).orElseThrow().modelRunMillis()).isEqualTo(100);

        // io.http: a task's requests go one after another.
        ExperimentSpec http = new ExperimentSpec(null, ExecutionModel.GIL, 2, 8,
                new WorkloadSpec("io.http", Map.of("requests", 5, "delayMillis", 20)), 0, 1, false, null);
        assertThat(WaitBound.of(validator.resolve(http)).orElseThrow().modelRunMillis()).isEqualTo(4 * 100);
    }

    @Test
    void computingDeclaresNoWaitSoNothingIsKnownBeforeItRuns() {
        ResolvedSpec primes = validator.resolve(new ExperimentSpec(null, ExecutionModel.SEQUENTIAL, null, 100_000,
                new WorkloadSpec("cpu.primes", Map.of("size", 1_000_000)), 20, 100, false, 1));
        assertThat(WaitBound.of(primes)).isEmpty();
        // mixed: only its waiting counts; its computing is "about" a millisecond a unit.
        ResolvedSpec mixed = validator.resolve(new ExperimentSpec(null, ExecutionModel.SEQUENTIAL, null, 4,
                new WorkloadSpec("mixed", Map.of("cpuMillis", 1000, "ioMillis", 0)), 0, 1, false, 1));
        assertThat(WaitBound.of(mixed)).isEmpty();
    }

    @Test
    void aStudyCellThatCannotFitIsRefusedToo() {
        // Study cells run with a baseline: 2 tasks of 60 s one after another, and the model's 60 s.
        assertThatThrownBy(() -> validator.resolve(new ExperimentSpec(null, ExecutionModel.THREADS, 2, 2,
                new WorkloadSpec("io.sleep", Map.of("millis", 60_000)), 0, 1, true, 120)))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.violations().getFirst().message())
                        .startsWith("is 120 s, but this spec needs at least 180 s: 1 run (0 warm-ups, 1 measured) of "
                                + "THREADS at 60.0 s each (2 tasks x 60,000 ms waiting, 2 at once) and of the "
                                + "SEQUENTIAL baseline at 120 s each (one after another)"));
    }
}
