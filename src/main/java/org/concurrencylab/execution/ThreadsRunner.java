package org.concurrencylab.execution;

import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Workload;

/** A fixed pool of {@code parallelism} named platform threads ({@code lab-threads-N}), instrumented as {@value #POOL_NAME}. */
final class ThreadsRunner extends InProcessRunner {

    static final String POOL_NAME = "lab.threads";

    private final InstrumentedPools pools;

    ThreadsRunner(InstrumentedPools pools) {
        this.pools = pools;
    }

    @Override
    RunMeasurement run(RunPlan plan, Workload workload) throws InterruptedException, ExecutionFailedException {
        return FixedPool.run(plan, workload, POOL_NAME, pools, (w, index) -> TaskRecord.run(w, index, TaskContext.DIRECT));
    }
}
