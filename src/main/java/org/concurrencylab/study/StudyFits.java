package org.concurrencylab.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.measure.AmdahlFit;
import org.concurrencylab.measure.ExperimentResult;
import org.concurrencylab.measure.RunResult;
import org.concurrencylab.measure.ScalingLaws;
import org.concurrencylab.measure.ScalingPoint;

/**
 * The scaling laws fitted to a study's cells: one fit per model (and combination of swept values)
 * measured at enough parallelism values, and the study's interpretation in words.
 */
final class StudyFits {

    /** One cell as the fits read it: where it sits in the grid and what it measured (null until it has). */
    record Measured(ExecutionModel model, Map<String, Object> params, int parallelism, ExperimentResult result) {}

    /** The points of one cell: one per measured run, for Amdahl and for the USL. */
    record Points(List<ScalingPoint> speedups, List<ScalingPoint> throughputs) {}

    private StudyFits() {}

    /**
     * One point per measured run, not one per cell, so the fits weigh every run and the USL can
     * bootstrap over them. A run's speedup is the cell's baseline median over that run's wall time:
     * the baseline median is the cell's best estimate of sequential time, and dividing it by each
     * run keeps the runs' own spread in the points (a ratio of two noisy runs would add the
     * baseline's spread to every point twice over). The USL reads each run's throughput in tasks per
     * second, which needs no baseline. Warm-up and baseline runs are left out; so are cells without a
     * result or without a baseline (their runs give no speedup, but still a throughput).
     */
    static Points points(int parallelism, ExperimentResult result) {
        List<ScalingPoint> speedups = new ArrayList<>();
        List<ScalingPoint> throughputs = new ArrayList<>();
        if (result == null || parallelism < 1) {
            return new Points(speedups, throughputs);
        }
        var baseline = result.summary() == null ? null : result.summary().baselineWallMillis();
        double baselineMedian = baseline != null && baseline.n() > 0 ? baseline.median() : 0;
        for (RunResult run : result.runs()) {
            if (run.warmup() || run.baseline()) {
                continue;
            }
            if (baselineMedian > 0 && run.wallMillis() > 0) {
                speedups.add(ScalingPoint.of(parallelism, baselineMedian / run.wallMillis()));
            }
            if (run.throughputPerSecond() > 0 && Double.isFinite(run.throughputPerSecond())) {
                throughputs.add(ScalingPoint.of(parallelism, run.throughputPerSecond()));
            }
        }
        return new Points(speedups, throughputs);
    }

    /**
     * The laws per model and swept values, in the cells' order, for those measured at
     * {@link AmdahlFit#MIN_PARALLELISM_VALUES} or more parallelism values: with fewer, any curve
     * fits, and a fit would say nothing (SEQUENTIAL, with its one cell, is never fitted).
     */
    static List<StudyReport.Fit> fit(List<Measured> cells) {
        Map<List<Object>, List<Measured>> groups = new LinkedHashMap<>();
        for (Measured cell : cells) {
            groups.computeIfAbsent(List.of(cell.model(), cell.params()), key -> new ArrayList<>()).add(cell);
        }
        List<StudyReport.Fit> fits = new ArrayList<>();
        for (List<Measured> group : groups.values()) {
            List<ScalingPoint> speedups = new ArrayList<>();
            List<ScalingPoint> throughputs = new ArrayList<>();
            for (Measured cell : group) {
                Points points = points(cell.parallelism(), cell.result());
                speedups.addAll(points.speedups());
                throughputs.addAll(points.throughputs());
            }
            long measured = group.stream().filter(c -> c.result() != null).map(Measured::parallelism).distinct().count();
            if (measured < AmdahlFit.MIN_PARALLELISM_VALUES) {
                continue;
            }
            ScalingLaws laws = ScalingLaws.fit(speedups, throughputs);
            Measured first = group.getFirst();
            fits.add(new StudyReport.Fit(first.model(), first.params().isEmpty() ? null : first.params(),
                    laws.amdahl().forDisplay(), laws.usl().forDisplay()));
        }
        return fits;
    }

    /**
     * A line per fit: what contention and coherency say, then Amdahl's serial fraction, and the
     * cores this machine has, since no CPU-bound model scales past them. Null when nothing is fitted.
     */
    static String interpret(List<StudyReport.Fit> fits, Integer cores) {
        if (fits.isEmpty()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (StudyReport.Fit fit : fits) {
            lines.add(String.format(Locale.ROOT, "%s%s: %s; Amdahl: %s.", fit.model(), describe(fit.params()),
                    fit.usl().describe(), fit.amdahl().describe()));
        }
        if (cores != null && cores > 0) {
            lines.add(String.format(Locale.ROOT, "This machine has %d core%s: CPU-bound work cannot scale past %s,"
                    + " whatever the model; waiting (IO, sleeps) can.", cores, cores == 1 ? "" : "s",
                    cores == 1 ? "it" : "them"));
        }
        return String.join("\n", lines);
    }

    static String describe(Map<String, Object> params) {
        if (params == null || params.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        params.forEach((name, value) -> parts.add(name + "=" + Objects.toString(value)));
        return " (" + String.join(", ", parts) + ")";
    }
}
