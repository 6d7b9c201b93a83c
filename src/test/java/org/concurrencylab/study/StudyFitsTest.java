package org.concurrencylab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.measure.ExperimentResult;
import org.concurrencylab.measure.RunResult;
import org.concurrencylab.measure.ScalingPoint;
import org.concurrencylab.measure.Summary;
import org.junit.jupiter.api.Test;

/** Points from a cell's runs, fits per model, the interpretation, and the sweep's combinations. */
class StudyFitsTest {

    private static final int TASKS = 8;

    /** A run of {@code wallMillis} for {@code TASKS} tasks. */
    private static RunResult run(int index, boolean warmup, boolean baseline, double wallMillis) {
        return new RunResult(index, warmup, baseline, baseline ? "SEQUENTIAL" : "THREADS", wallMillis, null, TASKS,
                TASKS * 1_000.0 / wallMillis, null, null, 0, null, null);
    }

    /** A measured cell: a warm-up, three baseline runs of {@code baselineMillis}, then the model's runs. */
    static StudyFits.Measured cell(ExecutionModel model, int parallelism, double baselineMillis, double... wallMillis) {
        List<RunResult> runs = new ArrayList<>();
        runs.add(run(0, true, false, wallMillis[0] * 3));
        for (int i = 0; i < 3; i++) {
            runs.add(run(runs.size(), false, true, baselineMillis));
        }
        for (double wall : wallMillis) {
            runs.add(run(runs.size(), false, false, wall));
        }
        ExperimentResult result = ExperimentResult.restored(true, runs, Summary.of(runs, parallelism),
                Map.of(), null, null, List.of());
        return new StudyFits.Measured(model, Map.of(), parallelism, result);
    }

    @Test
    void aCellGivesOnePointPerMeasuredRunLeavingOutWarmUpsAndTheBaseline() {
        StudyFits.Points points = StudyFits.points(2, cell(ExecutionModel.THREADS, 2, 100, 50, 40).result());
        // Speedup per run: the baseline's median (100 ms) over the run's wall time.
        assertThat(points.speedups()).containsExactly(ScalingPoint.of(2, 2.0), ScalingPoint.of(2, 2.5));
        // Throughput per run: its tasks per second, no baseline needed.
        assertThat(points.throughputs()).containsExactly(ScalingPoint.of(2, 160.0), ScalingPoint.of(2, 200.0));
        assertThat(StudyFits.points(2, null).speedups()).isEmpty();
    }

    @Test
    void aCellWithoutABaselineStillGivesThroughputs() {
        List<RunResult> runs = List.of(run(0, false, false, 50), run(1, false, false, 40));
        ExperimentResult result = ExperimentResult.restored(true, runs, Summary.of(runs, 2), Map.of(), null, null, List.of());
        StudyFits.Points points = StudyFits.points(2, result);
        assertThat(points.speedups()).isEmpty();
        assertThat(points.throughputs()).hasSize(2);
    }

    @Test
    void modelsMeasuredAtThreeOrMoreParallelismValuesAreFittedTheOthersAreNot() {
        // Amdahl with serial fraction 0.2 exactly: S(p) = 1 / (0.2 + 0.8 / p), baseline 100 ms.
        List<StudyFits.Measured> cells = new ArrayList<>();
        for (int p : new int[] {1, 2, 4}) {
            double wall = 100 * (0.2 + 0.8 / p);
            cells.add(cell(ExecutionModel.THREADS, p, 100, wall, wall));
        }
        cells.add(cell(ExecutionModel.SEQUENTIAL, 1, 100, 100, 100));
        cells.add(cell(ExecutionModel.GIL, 1, 100, 100, 100));
        cells.add(cell(ExecutionModel.GIL, 2, 100, 101, 101));

        List<StudyReport.Fit> fits = StudyFits.fit(cells);

        assertThat(fits).extracting(StudyReport.Fit::model).containsExactly(ExecutionModel.THREADS);
        StudyReport.Fit threads = fits.getFirst();
        assertThat(threads.params()).isNull();
        assertThat(threads.amdahl().serialFraction()).isCloseTo(0.2, within(1e-4));
        assertThat(threads.amdahl().points()).isEqualTo(6);
        assertThat(threads.usl().sigma()).isNotNull();
        assertThat(threads.usl().kappa()).isNotNull();
        assertThat(threads.usl().rSquared()).isGreaterThan(0.99);
        // Rounded to four significant digits for display.
        assertThat(BigDecimal.valueOf(threads.usl().sigma()).stripTrailingZeros().precision()).isLessThanOrEqualTo(4);
        String words = StudyFits.interpret(fits, 2);
        assertThat(words).startsWith("THREADS: contention").contains("Amdahl: serial fraction 0.2")
                .contains("This machine has 2 cores");
        assertThat(StudyFits.interpret(List.of(), 2)).isNull();
    }

    @Test
    void sweptCellsAreFittedPerCombinationOfSweptValues() {
        List<StudyFits.Measured> cells = new ArrayList<>();
        for (int io : new int[] {0, 16}) {
            for (int p : new int[] {1, 2, 4}) {
                StudyFits.Measured c = cell(ExecutionModel.THREADS, p, 100, 100.0 / p + io, 100.0 / p + io);
                cells.add(new StudyFits.Measured(c.model(), Map.of("ioMillis", io), p, c.result()));
            }
        }
        assertThat(StudyFits.fit(cells)).extracting(StudyReport.Fit::params)
                .containsExactly(Map.of("ioMillis", 0), Map.of("ioMillis", 16));
    }

    @Test
    void combinationsRunTheFirstSweptParamOuter() {
        Map<String, List<Object>> sweep = new LinkedHashMap<>();
        sweep.put("ioMillis", List.of(0, 4));
        sweep.put("cpuMillis", List.of(1, 2, 3));
        List<Map<String, Object>> all = StudyCells.combinations(sweep);
        assertThat(all).hasSize(6);
        assertThat(all.get(0)).isEqualTo(Map.of("ioMillis", 0, "cpuMillis", 1));
        assertThat(all.get(3)).isEqualTo(Map.of("ioMillis", 4, "cpuMillis", 1));
        assertThat(StudyCells.combinations(Map.of())).containsExactly(Map.of());
    }
}
