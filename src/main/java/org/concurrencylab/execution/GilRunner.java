package org.concurrencylab.execution;

import org.concurrencylab.workload.TaskRecord;

/**
 * {@code GIL}: a fixed pool of platform threads ({@code lab-gil-N}) that run workload code only
 * while holding one {@link GlobalInterpreterLock} per repetition.
 */
final class GilRunner implements ModelRunner {

    static final String POOL_NAME = "lab.gil";

    private final InstrumentedPools pools;

    GilRunner(InstrumentedPools pools) {
        this.pools = pools;
    }

    @Override
    public RunMeasurement run(RunPlan plan) throws InterruptedException, ExecutionFailedException {
        GlobalInterpreterLock gil = new GlobalInterpreterLock(plan.options().switchIntervalMillis());
        RunMeasurement measured = FixedPool.run(plan, POOL_NAME, pools, (workload, index) -> {
            gil.acquire();
            try {
                return TaskRecord.run(workload, index, gil);
            } finally {
                gil.release();
            }
        });
        return measured.withObservations(gil.observations());
    }
}
