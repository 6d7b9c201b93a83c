package org.concurrencylab.experiment;

import java.util.Locale;
import java.util.Optional;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.TaskCost;

/**
 * The least time a spec can take, from the waits its workload declares ({@link TaskCost}): in each
 * run the tasks go in waves of as many as the model runs at once, each wave as long as one task's
 * wait, and the baseline runs them one after another. Computing, start-up and the lab's own work
 * only add to it, so a spec whose bound passes its time limit cannot finish in time.
 *
 * @param runs warm-ups and measured runs of the model (as many of the baseline, when it runs)
 * @param modelRunMillis the least one run of the model takes
 * @param baselineRunMillis the least one baseline run takes; 0 without a baseline
 */
record WaitBound(ResolvedSpec spec, long waitMillis, int atOnce, int runs, double modelRunMillis,
        double baselineRunMillis) {

    /** Empty when the workload declares no wait for these params: the estimate must come from runs. */
    static Optional<WaitBound> of(ResolvedSpec spec) {
        TaskCost cost = spec.workload().definition().cost(spec.workload().values());
        if (cost.waitMillis() == 0) {
            return Optional.empty();
        }
        int atOnce = Math.max(1, Math.min(spec.tasks(), atOnce(spec, cost)));
        long waves = (spec.tasks() + atOnce - 1L) / atOnce;
        double baseline = spec.baseline() ? (double) spec.tasks() * cost.waitMillis() : 0;
        return Optional.of(new WaitBound(spec, cost.waitMillis(), atOnce, spec.warmups() + spec.repetitions(),
                (double) waves * cost.waitMillis(), baseline));
    }

    /** How many tasks the model can have waiting at once. */
    private static int atOnce(ResolvedSpec spec, TaskCost cost) {
        return switch (spec.model()) {
            case SEQUENTIAL -> 1;
            // A fork/join leaf of several tasks runs them one after another: counting the pool is generous.
            case THREADS, FUTURES, FORK_JOIN, GIL, PROCESSES -> spec.parallelism();
            case VIRTUAL_THREADS -> spec.parallelism() > 0 ? spec.parallelism() : spec.tasks();
            case EVENT_LOOP -> cost.yieldsOnLoop() ? spec.tasks() : 1;
        };
    }

    double seconds() {
        return runs * (modelRunMillis + baselineRunMillis) / 1000;
    }

    Estimate estimate() {
        return new Estimate(seconds(), Estimate.Basis.WAITS, "at least " + Estimate.seconds(seconds()) + ": "
                + breakdown() + "; computing, start-up and the lab's own work come on top");
    }

    /**
     * Why a spec cannot fit {@code timeLimitSeconds}, or empty when it may. The message names the
     * bound, the limit and what to change, for the 400 on {@code timeLimitSeconds}.
     */
    Optional<String> refusal(int timeLimitSeconds, int maxTimeLimitSeconds) {
        if (seconds() <= timeLimitSeconds) {
            return Optional.empty();
        }
        String baselineAlone = baselineRunMillis > 0 && runs * baselineRunMillis / 1000 > timeLimitSeconds
                ? " (the SEQUENTIAL baseline alone needs " + Estimate.seconds(runs * baselineRunMillis / 1000) + ")"
                : "";
        String raise = seconds() <= maxTimeLimitSeconds
                ? "raise timeLimitSeconds to at least " + (long) Math.ceil(seconds()) + " (at most "
                        + maxTimeLimitSeconds + "), or "
                : "no time limit allowed here (at most " + maxTimeLimitSeconds + " s) is long enough: ";
        return Optional.of("is " + timeLimitSeconds + " s, but this spec needs at least " + Estimate.seconds(seconds())
                + baselineAlone + ": " + breakdown() + "; " + raise + "lower tasks, the wait, warmups or repetitions"
                + (baselineRunMillis > 0 ? ", or leave out the baseline" : ""));
    }

    private String breakdown() {
        ExecutionModel model = spec.model();
        String runsText = runs + " run" + (runs == 1 ? "" : "s") + " (" + spec.warmups() + " warm-up"
                + (spec.warmups() == 1 ? "" : "s") + ", " + spec.repetitions() + " measured)";
        String work = String.format(Locale.ROOT, "%,d task%s x %,d ms waiting", spec.tasks(),
                spec.tasks() == 1 ? "" : "s", waitMillis);
        String modelPart = "of " + model + " at " + Estimate.seconds(modelRunMillis / 1000) + " each (" + work
                + (model == ExecutionModel.SEQUENTIAL || atOnce == 1 ? ", one after another"
                        : String.format(Locale.ROOT, ", %,d at once", atOnce)) + ")";
        return runsText + " " + modelPart + (baselineRunMillis > 0
                ? " and of the SEQUENTIAL baseline at " + Estimate.seconds(baselineRunMillis / 1000)
                        + " each (one after another)"
                : "");
    }
}
