package org.concurrencylab.execution;

import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Workload;

/** A fixed pool of {@code parallelism} named platform threads ({@code lab-threads-N}), instrumented as {@value #POOL_NAME}. */
final class ThreadsRunner extends PooledRunner {

    static final String POOL_NAME = "lab.threads";

    ThreadsRunner(InstrumentedPools pools) {
        super(pools, POOL_NAME);
    }

    @Override
    RunMeasurement run(RunPlan plan, Workload workload) throws InterruptedException, ExecutionFailedException {
        return runOnFixedPool(plan, workload, (w, index) -> TaskRecord.run(w, index, TaskContext.DIRECT));
    }
}
