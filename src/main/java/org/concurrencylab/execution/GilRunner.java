package org.concurrencylab.execution;

import org.concurrencylab.core.ModelOption;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Workload;

/**
 * {@code GIL}: a fixed pool of platform threads ({@code lab-gil-N}) that run workload code only
 * while holding one {@link GlobalInterpreterLock} per repetition.
 */
final class GilRunner extends PooledRunner {

    static final String POOL_NAME = "lab.gil";

    GilRunner(InstrumentedPools pools) {
        super(pools, POOL_NAME);
    }

    @Override
    RunMeasurement run(RunPlan plan, Workload workload) throws InterruptedException, ExecutionFailedException {
        GlobalInterpreterLock gil = new GlobalInterpreterLock(plan.options().get(ModelOption.SWITCH_INTERVAL_MILLIS));
        RunMeasurement measured = runOnFixedPool(plan, workload, (w, index) -> {
            gil.acquire();
            try {
                return TaskRecord.run(w, index, gil);
            } finally {
                gil.release();
            }
        });
        return measured.withObservations(gil.observations()).withLockHolds(gil.holds());
    }
}
