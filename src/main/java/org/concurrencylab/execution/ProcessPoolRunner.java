package org.concurrencylab.execution;

import org.concurrencylab.core.ModelOption;
/**
 * {@code PROCESSES}: {@code parallelism} worker JVMs take the tasks, like Python's
 * {@code multiprocessing.Pool}; the model's knobs are Pool's: {@code chunkSize} is its
 * {@code chunksize}, {@code maxTasksPerWorker} its {@code maxtasksperchild}.
 *
 * <p>By default each repetition gets fresh workers, so one run's JIT state or garbage never helps
 * or hurts another's, and each run reports its start-up. With {@code reuseWorkers} a session
 * keeps one warm {@link WorkerPool} for all its repetitions: only the first run starts workers and
 * reports start-up, and the session's {@code close()} stops them.
 */
final class ProcessPoolRunner implements ModelRunner {

    private final WorkerLauncher workers;

    ProcessPoolRunner(WorkerLauncher workers) {
        this.workers = workers;
    }

    @Override
    public RunMeasurement run(RunPlan plan) throws InterruptedException, ExecutionFailedException {
        try (WorkerPool pool = new WorkerPool(workers, plan)) {
            return pool.run(false);
        }
    }

    @Override
    public RunSession open(RunPlan plan) {
        if (!plan.options().get(ModelOption.REUSE_WORKERS)) {
            return ModelRunner.super.open(plan);
        }
        WorkerPool pool = new WorkerPool(workers, plan);
        return new RunSession() {
            @Override
            public RunMeasurement run() throws InterruptedException, ExecutionFailedException {
                return pool.run(true);
            }

            @Override
            public void close() {
                pool.close();
            }
        };
    }
}
