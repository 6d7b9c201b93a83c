package org.concurrencylab.execution;

import org.concurrencylab.core.Workload;

/**
 * A model that runs workload code in this JVM. The workload is made fresh for each run, closed
 * after it however it ends, and its own observations (lost updates, peak holders...) join the
 * model's.
 */
abstract class InProcessRunner implements ModelRunner {

    @Override
    public final RunMeasurement run(RunPlan plan) throws InterruptedException, ExecutionFailedException {
        try (Workload workload = plan.workload().create(plan.params())) {
            RunMeasurement measured = run(plan, workload);
            return measured.withObservations(workload.observations());
        }
    }

    abstract RunMeasurement run(RunPlan plan, Workload workload) throws InterruptedException, ExecutionFailedException;
}
