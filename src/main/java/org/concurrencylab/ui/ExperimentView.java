package org.concurrencylab.ui;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.measure.Distribution;
import org.concurrencylab.measure.ExperimentResult;
import org.concurrencylab.measure.RunResult;
import org.concurrencylab.measure.Summary;

/**
 * An experiment as its page shows it: numbers as text (three significant digits is what the runs
 * can carry), the summary as labelled rows a lesson can point at by name, runs and observations.
 */
record ExperimentView(Experiment experiment, List<Row> summary, List<Row> distribution, List<Row> observations,
        List<RunRow> runs, List<String> warnings, Map<String, Object> params) {

    /**
     * One labelled value.
     *
     * @param key the result's own name for it (a lesson's focus names these)
     * @param focus whether the experiment's lesson points at it
     */
    record Row(String key, String label, String value, boolean focus) {}

    record RunRow(int index, String kind, String model, String wallMillis, String cpuMillis, String taskP50,
            String taskP99, String throughput, String startupMillis) {}

    static ExperimentView of(Experiment experiment, Collection<String> focus) {
        Set<String> pointed = Set.copyOf(focus);
        ExperimentResult result = experiment.result();
        List<Row> summary = new ArrayList<>();
        List<Row> distribution = new ArrayList<>();
        List<Row> observations = new ArrayList<>();
        List<RunRow> runs = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (result != null && result.summary() != null) {
            Summary s = result.summary();
            Distribution wall = s.wallMillis();
            add(summary, pointed, "wallMillis", "Median wall time", num(wall.median()) + " ms");
            if (s.speedup() != null) {
                add(summary, pointed, "speedup", "Speedup over the sequential baseline", num(s.speedup()) + "x"
                        + (s.speedupCi95Low() == null ? "" : " (95% interval " + num(s.speedupCi95Low()) + "x to "
                        + num(s.speedupCi95High()) + "x)"));
                add(summary, pointed, "efficiency", "Efficiency (speedup per " + experiment.spec().model().workerNoun()
                        + ")", num(s.efficiency()));
            }
            if (s.serialFraction() != null) {
                add(summary, pointed, "serialFraction", "Serial fraction (Karp-Flatt)", num(s.serialFraction()));
            }
            if (s.baselineWallMillis() != null) {
                add(summary, pointed, "baselineWallMillis", "Baseline median wall time",
                        num(s.baselineWallMillis().median()) + " ms");
            }
            add(summary, pointed, "throughputPerSecond", "Throughput", num(s.throughputPerSecond()) + " tasks/s");
            if (s.coldRunWallMillis() != null) {
                add(summary, pointed, "coldRunWallMillis", "First (cold) warm-up run", num(s.coldRunWallMillis()) + " ms");
            }
            distribution.add(new Row("n", "Measured runs", Integer.toString(wall.n()), false));
            distribution.add(new Row("mean", "Mean", num(wall.mean()) + " ms" + (wall.ci95Low() == null ? ""
                    : " (95% interval " + num(wall.ci95Low()) + " to " + num(wall.ci95High()) + " ms)"), false));
            distribution.add(new Row("median", "Median", num(wall.median()) + " ms", false));
            distribution.add(new Row("stdDev", "Standard deviation", num(wall.stdDev()) + " ms"
                    + (wall.coefficientOfVariation() == null ? ""
                    : " (" + num(wall.coefficientOfVariation() * 100) + "% of the mean)"), false));
            distribution.add(new Row("range", "Fastest to slowest", num(wall.min()) + " to " + num(wall.max()) + " ms",
                    false));
            if (!wall.outliers().isEmpty()) {
                distribution.add(new Row("outliers", "Outliers", wall.outliers().stream().map(ExperimentView::num)
                        .collect(Collectors.joining(", ")) + " ms", false));
            }
            s.warnings().forEach(w -> warnings.add(w.message()));
        }
        if (result != null) {
            result.plainObservations().forEach((name, value) -> add(observations, pointed, name, name, shown(value)));
            for (RunResult run : result.runs()) {
                runs.add(new RunRow(run.index(), run.warmup() ? "warm-up" + (run.baseline() ? " (baseline)" : "")
                        : run.baseline() ? "baseline" : "measured", run.model(), num(run.wallMillis()),
                        run.cpuMillis() == null ? "" : num(run.cpuMillis()),
                        run.taskMillis() == null ? "" : num(run.taskMillis().p50()),
                        run.taskMillis() == null ? "" : num(run.taskMillis().p99()), num(run.throughputPerSecond()),
                        run.startupMillis() == null ? "" : num(run.startupMillis())));
            }
        }
        return new ExperimentView(experiment, summary, distribution, observations, runs, warnings,
                experiment.spec().workload().displayParams());
    }

    public boolean hasResult() {
        return !summary.isEmpty();
    }

    private static void add(List<Row> rows, Set<String> focus, String key, String label, String value) {
        rows.add(new Row(key, label, value, focus.contains(key)));
    }

    /** A combined observation: a value, a range that varied over the runs, or the words seen. */
    private static String shown(Object value) {
        return switch (value) {
            case Map<?, ?> range when range.get("mean") instanceof Number mean ->
                    num(((Number) range.get("min")).doubleValue()) + " to " + num(((Number) range.get("max")).doubleValue())
                            + " (mean " + num(mean.doubleValue()) + ")";
            case List<?> seen -> seen.stream().map(Object::toString).collect(Collectors.joining(", "));
            case Double d -> num(d);
            case Float f -> num(f);
            case null -> "";
            default -> value.toString();
        };
    }

    /** Three significant digits, no exponent for everyday sizes; whole numbers as they are. */
    static String num(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        double abs = Math.abs(value);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
