package org.concurrencylab.measure;

import java.util.List;

/**
 * The scaling laws fitted to one model's runs across parallelism values: what a study reports per
 * model as {@code fits: {amdahl: ..., usl: ...}}.
 *
 * @param amdahl Amdahl's serial fraction fitted to the speedups
 * @param usl the Universal Scalability Law fitted to the throughputs
 */
public record ScalingLaws(AmdahlFit amdahl, UslFit usl) {

    /**
     * @param speedups one point per measured run: baseline median wall time over the run's wall time
     * @param throughputs one point per measured run: tasks per second
     */
    public static ScalingLaws fit(List<ScalingPoint> speedups, List<ScalingPoint> throughputs) {
        return new ScalingLaws(AmdahlFit.of(speedups), UslFit.of(throughputs));
    }

    /**
     * Weak-scaling efficiency: with the work multiplied by the parallelism, each worker has the same
     * work as the single worker had, so perfect scaling keeps the time constant and the efficiency
     * is time(1) / time(p) (1 = perfect, 0.5 = half the ideal). Null when either time is not positive.
     */
    public static Double weakScalingEfficiency(double wallMillisAtOne, double wallMillisAtParallelism) {
        if (!(wallMillisAtOne > 0) || !(wallMillisAtParallelism > 0)) {
            return null;
        }
        return wallMillisAtOne / wallMillisAtParallelism;
    }
}
