package org.concurrencylab.execution;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.measure.RunResult;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Runs an experiment's repetitions with its model's runner (and the SEQUENTIAL baseline when
 * asked), handing each finished run to the caller as it completes so progress and partial
 * results survive a cancel.
 */
@Service
public class ExecutionEngine {

    private final ModelRunners runners;
    private final Supplier<List<InterferenceWarning>> interferingNow;

    @Autowired
    ExecutionEngine(ModelRunners runners, WorkerLauncher workers) {
        this(runners, workers::interferingNow);
    }

    ExecutionEngine(ModelRunners runners, Supplier<List<InterferenceWarning>> interferingNow) {
        this.runners = runners;
        this.interferingNow = interferingNow;
    }

    /**
     * Starts watching what of this node's own work competes with an experiment for the CPUs; open
     * it before the experiment's first run and end it after its last.
     */
    public InterferenceWindow interferenceWindow() {
        return new InterferenceWindow(interferingNow);
    }

    public void run(ExecutionRequest request, Consumer<RunResult> onRun)
            throws InterruptedException, ExecutionFailedException {
        RunPlan plan = request.plan();
        // The baseline is the same work on one thread, whatever the model's knobs.
        RunPlan baselinePlan = new RunPlan(plan.workload(), plan.params(), plan.tasks(), 1);
        try (RunSession model = runners.forModel(request.model()).open(plan);
                RunSession baseline = runners.forModel(ExecutionModel.SEQUENTIAL).open(baselinePlan)) {
            int index = 0;
            Long expectedChecksum = null;
            for (int rep = 0; rep < request.warmups() + request.repetitions(); rep++) {
                boolean warmup = rep < request.warmups();
                if (request.baseline()) {
                    RunResult base = measure(baseline, ExecutionModel.SEQUENTIAL, plan, index++, warmup, true);
                    expectedChecksum = checkChecksum(expectedChecksum, base);
                    onRun.accept(base);
                }
                RunResult run = measure(model, request.model(), plan, index++, warmup, false);
                expectedChecksum = checkChecksum(expectedChecksum, run);
                onRun.accept(run);
            }
        }
    }

    private static RunResult measure(
            RunSession session, ExecutionModel model, RunPlan plan, int index, boolean warmup, boolean baseline)
            throws InterruptedException, ExecutionFailedException {
        RunMeasurement m = session.run();
        if (m.tasks().size() != plan.tasks()) {
            throw new ExecutionFailedException(
                    model + " completed " + m.tasks().size() + " of " + plan.tasks() + " tasks");
        }
        return RunResult.of(index, warmup, baseline, model.name(), m.wallNanos(), m.startupNanos(), m.cpuNanos(),
                m.tasks(), m.workerPids(), m.observations(), m.lockHolds());
    }

    /** Every run computes the same work, so a differing checksum means a model lost or repeated a task. */
    private static long checkChecksum(Long expected, RunResult run) throws ExecutionFailedException {
        if (expected != null && expected != run.checksum()) {
            throw new ExecutionFailedException("checksum mismatch: run " + run.index() + " on " + run.model()
                    + " gave " + run.checksum() + ", earlier runs gave " + expected);
        }
        return run.checksum();
    }
}
