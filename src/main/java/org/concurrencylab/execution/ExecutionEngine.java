package org.concurrencylab.execution;

import java.util.function.Consumer;
import org.concurrencylab.measure.RunResult;
import org.springframework.stereotype.Service;

/**
 * Runs an experiment's repetitions with its model's runner (and the SEQUENTIAL baseline when
 * asked), handing each finished run to the caller as it completes so progress and partial
 * results survive a cancel.
 */
@Service
public class ExecutionEngine {

    private final ModelRunners runners;

    ExecutionEngine(ModelRunners runners) {
        this.runners = runners;
    }

    public void run(ExecutionRequest request, Consumer<RunResult> onRun)
            throws InterruptedException, ExecutionFailedException {
        ModelRunner model = runners.forModel(request.model());
        ModelRunner baseline = runners.forModel(ExecutionModel.SEQUENTIAL);
        int index = 0;
        Long expectedChecksum = null;
        for (int rep = 0; rep < request.warmups() + request.repetitions(); rep++) {
            boolean warmup = rep < request.warmups();
            if (request.baseline()) {
                RunResult base = measure(baseline, ExecutionModel.SEQUENTIAL, request.plan(), index++, warmup, true);
                expectedChecksum = checkChecksum(expectedChecksum, base);
                onRun.accept(base);
            }
            RunResult run = measure(model, request.model(), request.plan(), index++, warmup, false);
            expectedChecksum = checkChecksum(expectedChecksum, run);
            onRun.accept(run);
        }
    }

    private static RunResult measure(
            ModelRunner runner, ExecutionModel model, RunPlan plan, int index, boolean warmup, boolean baseline)
            throws InterruptedException, ExecutionFailedException {
        RunPlan effective = baseline ? new RunPlan(plan.kind(), plan.params(), plan.tasks(), 1) : plan;
        RunMeasurement m = runner.run(effective);
        if (m.tasks().size() != plan.tasks()) {
            throw new ExecutionFailedException(
                    model + " completed " + m.tasks().size() + " of " + plan.tasks() + " tasks");
        }
        return RunResult.of(index, warmup, baseline, model.name(), m.wallNanos(), m.startupNanos(), m.tasks(), m.workerPids());
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
