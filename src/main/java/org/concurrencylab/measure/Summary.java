package org.concurrencylab.measure;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Summary(
        Distribution wallMillis,
        double throughputPerSecond,
        long checksum,
        Distribution baselineWallMillis,
        Double speedup,
        Double efficiency) {

    public static Summary of(List<RunResult> runs, int parallelism) {
        List<RunResult> measured = runs.stream().filter(r -> !r.warmup() && !r.baseline()).toList();
        List<RunResult> baseline = runs.stream().filter(r -> !r.warmup() && r.baseline()).toList();
        Distribution wall = Distribution.of(measured.stream().map(RunResult::wallMillis).toList());
        int tasks = measured.isEmpty() ? 0 : measured.getFirst().tasks();
        double throughput = wall.median() > 0 ? Rounding.round3(tasks * 1000.0 / wall.median()) : 0;
        long checksum = measured.isEmpty() ? 0 : measured.getFirst().checksum();
        if (baseline.isEmpty() || measured.isEmpty()) {
            return new Summary(wall, throughput, checksum, null, null, null);
        }
        Distribution base = Distribution.of(baseline.stream().map(RunResult::wallMillis).toList());
        Double speedup = wall.median() > 0 ? Rounding.round3(base.median() / wall.median()) : null;
        Double efficiency = speedup == null ? null : Rounding.round3(speedup / parallelism);
        return new Summary(wall, throughput, checksum, base, speedup, efficiency);
    }
}
