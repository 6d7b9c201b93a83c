package org.concurrencylab.execution;

import java.util.ArrayList;
import java.util.List;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Workload;

/** Runs every task in order on the calling thread: the baseline. */
final class SequentialRunner extends InProcessRunner {

    @Override
    RunMeasurement run(RunPlan plan, Workload workload) throws InterruptedException, ExecutionFailedException {
        List<TaskRecord> records = new ArrayList<>(plan.tasks());
        long cpuStart = ThreadCpu.currentThread();
        long start = System.nanoTime();
        for (int i = 0; i < plan.tasks(); i++) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            records.add(runTask(workload, i).submittedAt(start));
        }
        long wall = System.nanoTime() - start;
        return RunMeasurement.inProcess(wall, ThreadCpu.currentThread() - cpuStart, records, org.concurrencylab.core.Observations.NONE);
    }

    private static TaskRecord runTask(Workload workload, int index)
            throws InterruptedException, ExecutionFailedException {
        try {
            return TaskRecord.run(workload, index, TaskContext.DIRECT);
        } catch (RuntimeException e) {
            throw new ExecutionFailedException("task " + index + " failed: " + e, e);
        }
    }
}
