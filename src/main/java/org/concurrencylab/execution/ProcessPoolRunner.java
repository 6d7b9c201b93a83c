package org.concurrencylab.execution;

/** Placeholder until the worker JVM pool lands. */
final class ProcessPoolRunner implements ModelRunner {

    private final WorkerLauncher workers;

    ProcessPoolRunner(WorkerLauncher workers) {
        this.workers = workers;
    }

    @Override
    public RunMeasurement run(RunPlan plan) throws ExecutionFailedException {
        throw new ExecutionFailedException("PROCESSES is not available yet");
    }
}
