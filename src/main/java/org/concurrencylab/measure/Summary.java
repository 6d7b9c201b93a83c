package org.concurrencylab.measure;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The measured (non-warm-up) runs of the experiment's model combined, and against the baseline
 * when one ran.
 *
 * @param wallMillis the model's measured runs
 * @param throughputPerSecond tasks per second at the median wall time
 * @param checksum the sum of task checksums, identical in every run and on every model
 * @param baselineWallMillis the SEQUENTIAL baseline's measured runs, when a baseline ran
 * @param speedup baseline median wall time over the model's median wall time
 * @param efficiency speedup divided by parallelism
 * @param speedupCi95Low lower end of the 95% bootstrap interval of the speedup (percentile method,
 *     {@value Bootstrap#RESAMPLES} resamples of both sets, fixed seed); absent unless both sides
 *     have at least two measured runs
 * @param speedupCi95High upper end of that interval
 * @param serialFraction Karp-Flatt experimentally determined serial fraction
 *     e = (1/speedup - 1/p) / (1 - 1/p); present only for a speedup between 1 and p, where it means
 *     something (a warning says why it is absent otherwise)
 * @param coldRunWallMillis the model's first warm-up run (cold JIT, caches and pools), kept apart
 *     from the warm runs; absent when no warm-up ran
 * @param warnings reasons to distrust these numbers, each with a code; empty when none apply
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Summary(
        Distribution wallMillis,
        double throughputPerSecond,
        long checksum,
        Distribution baselineWallMillis,
        Double speedup,
        Double efficiency,
        Double speedupCi95Low,
        Double speedupCi95High,
        Double serialFraction,
        Double coldRunWallMillis,
        List<Warning> warnings) {

    /** The same summary with {@code warning} added to its warnings. */
    Summary withWarning(Warning warning) {
        List<Warning> more = new ArrayList<>(warnings);
        more.add(warning);
        return new Summary(wallMillis, throughputPerSecond, checksum, baselineWallMillis, speedup, efficiency,
                speedupCi95Low, speedupCi95High, serialFraction, coldRunWallMillis, List.copyOf(more));
    }

    /** Above this coefficient of variation the runs disagree too much to carry a speedup. */
    static final double MAX_CV = 0.10;

    /** Fewer measured runs than this leave the spread, interval and outliers meaningless. */
    static final int MIN_RUNS = 3;

    /**
     * Below about a millisecond, timer granularity, JIT and scheduling noise are a large share of
     * a run (JMH and hyperfine warn at similar scales).
     */
    static final double MIN_MEDIAN_MILLIS = 1.0;

    public Summary {
        warnings = List.copyOf(warnings);
    }

    /** Without the environment: no warning about the machine's load. */
    public static Summary of(List<RunResult> runs, int parallelism) {
        return of(runs, parallelism, null);
    }

    public static Summary of(List<RunResult> runs, int parallelism, Environment environment) {
        List<RunResult> measured = runs.stream().filter(r -> !r.warmup() && !r.baseline()).toList();
        List<RunResult> baseline = runs.stream().filter(r -> !r.warmup() && r.baseline()).toList();
        Double cold = runs.stream()
                .filter(r -> r.warmup() && !r.baseline())
                .min(Comparator.comparingInt(RunResult::index))
                .map(RunResult::wallMillis)
                .orElse(null);
        String model = measured.isEmpty() ? "the model" : measured.getFirst().model();
        Distribution wall = Distribution.of(measured.stream().map(RunResult::wallMillis).toList());
        int tasks = measured.isEmpty() ? 0 : measured.getFirst().tasks();
        double throughput = wall.median() > 0 ? Rounding.round3(tasks * 1000.0 / wall.median()) : 0;
        long checksum = measured.isEmpty() ? 0 : measured.getFirst().checksum();

        List<Warning> warnings = new ArrayList<>();
        spreadWarnings(model, wall, warnings);
        if (baseline.isEmpty() || measured.isEmpty()) {
            loadWarning(environment, warnings);
            return new Summary(wall, throughput, checksum, null, null, null, null, null, null, cold, warnings);
        }
        Distribution base = Distribution.of(baseline.stream().map(RunResult::wallMillis).toList());
        spreadWarnings("the " + baseline.getFirst().model() + " baseline", base, warnings);
        Double speedup = wall.median() > 0 ? Rounding.round3(base.median() / wall.median()) : null;
        Double efficiency = speedup == null ? null : Rounding.round3(speedup / parallelism);
        Double ciLow = null;
        Double ciHigh = null;
        if (speedup != null) {
            double[] interval = Bootstrap.medianRatio95(wallTimes(baseline), wallTimes(measured),
                    Bootstrap.RESAMPLES, Bootstrap.SEED);
            if (interval != null) {
                // The percentile bootstrap of a median is not guaranteed to cover the sample
                // statistic: with a handful of runs a resampled median takes only a few discrete
                // values and its distribution can sit to one side. An interval that excludes the
                // number printed beside it would only confuse, so it is widened to include it
                // (conservative: clamping never narrows).
                ciLow = Math.min(Rounding.round3(interval[0]), speedup);
                ciHigh = Math.max(Rounding.round3(interval[1]), speedup);
                if (speedup != 1.0 && ciLow <= 1.0 && ciHigh >= 1.0) {
                    warnings.add(new Warning(Warning.Code.SPEEDUP_NOT_SIGNIFICANT, String.format(Locale.ROOT,
                            "The speedup of %.3gx is not supported by the spread of the runs: its 95%% interval"
                                    + " (%.3gx to %.3gx) includes 1.0x, so the model may be no faster or slower"
                                    + " than the baseline.",
                            speedup, ciLow, ciHigh)));
                }
            }
        }
        Double serialFraction = speedup == null ? null : karpFlatt(speedup, parallelism);
        if (speedup != null && parallelism > 1 && serialFraction == null) {
            warnings.add(new Warning(Warning.Code.SERIAL_FRACTION_UNDEFINED, String.format(Locale.ROOT,
                    "No Karp-Flatt serial fraction: it describes a speedup between 1x and the parallelism (%d), and"
                            + " this one is %.3gx, %s.", parallelism, speedup, speedup <= 1
                            ? "no gain at all, so there is no parallel part to find the serial share of"
                            : "above the parallelism (superlinear: caches, or overlapped waiting), which no serial"
                                    + " fraction explains")));
        }
        loadWarning(environment, warnings);
        return new Summary(wall, throughput, checksum, base, speedup, efficiency, ciLow, ciHigh,
                serialFraction == null ? null : Rounding.round3(serialFraction), cold, warnings);
    }

    /**
     * Karp-Flatt experimentally determined serial fraction e = (1/S - 1/p) / (1 - 1/p), or null
     * where it means nothing: p = 1, or a speedup outside (1, p] (at or below 1 it comes out at or
     * above 1, above p negative, neither a fraction of the work). Near 0: the parallel part scales;
     * growing with p: overhead grows with the workers.
     */
    static Double karpFlatt(double speedup, int parallelism) {
        if (parallelism <= 1 || !(speedup > 1) || speedup > parallelism) {
            return null;
        }
        double p = parallelism;
        return (1 / speedup - 1 / p) / (1 - 1 / p);
    }

    private static double[] wallTimes(List<RunResult> runs) {
        return runs.stream().mapToDouble(RunResult::wallMillis).toArray();
    }

    private static void spreadWarnings(String who, Distribution d, List<Warning> warnings) {
        if (d.n() < MIN_RUNS) {
            warnings.add(new Warning(Warning.Code.FEW_RUNS, String.format(Locale.ROOT,
                    "Only %d measured run%s of %s: at least %d are needed before the spread, the intervals"
                            + " and the outliers mean much; raise the repetitions.",
                    d.n(), d.n() == 1 ? "" : "s", who, MIN_RUNS)));
        }
        if (d.coefficientOfVariation() != null && d.coefficientOfVariation() > MAX_CV) {
            warnings.add(new Warning(Warning.Code.HIGH_VARIATION, String.format(Locale.ROOT,
                    "The wall times of %s vary too much: coefficient of variation %.1f%%, above %.0f%%."
                            + " The runs disagree, so a speedup built on them is imprecise.",
                    who, d.coefficientOfVariation() * 100, MAX_CV * 100)));
        }
        if (d.n() > 0 && d.median() < MIN_MEDIAN_MILLIS) {
            warnings.add(new Warning(Warning.Code.SHORT_RUNS, String.format(Locale.ROOT,
                    "The median run of %s took %.3f ms, under about %.0f ms: timer resolution, JIT and"
                            + " scheduling noise are a large share of that; give each run more work.",
                    who, d.median(), MIN_MEDIAN_MILLIS)));
        }
    }

    private static void loadWarning(Environment environment, List<Warning> warnings) {
        // A negative load average means the platform does not report one.
        if (environment != null && environment.systemLoadAverage() > environment.availableProcessors()) {
            warnings.add(new Warning(Warning.Code.MACHINE_LOADED, String.format(Locale.ROOT,
                    "The machine's load average was %.2f when the experiment started, above its %d available"
                            + " processors: other work competed for the CPUs, so the times are likely inflated"
                            + " and the speedup understated.",
                    environment.systemLoadAverage(), environment.availableProcessors())));
        }
    }
}
