package org.concurrencylab.execution;

import org.concurrencylab.workload.TaskContext;
import org.concurrencylab.workload.TaskRecord;

/** A fixed pool of {@code parallelism} named platform threads ({@code lab-threads-N}), instrumented as {@value #POOL_NAME}. */
final class ThreadsRunner implements ModelRunner {

    static final String POOL_NAME = "lab.threads";

    private final InstrumentedPools pools;

    ThreadsRunner(InstrumentedPools pools) {
        this.pools = pools;
    }

    @Override
    public RunMeasurement run(RunPlan plan) throws InterruptedException, ExecutionFailedException {
        return FixedPool.run(plan, POOL_NAME, pools, (workload, index) -> TaskRecord.run(workload, index, TaskContext.DIRECT));
    }
}
