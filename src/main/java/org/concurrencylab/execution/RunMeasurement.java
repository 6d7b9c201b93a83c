package org.concurrencylab.execution;

import java.util.List;
import org.concurrencylab.workload.TaskRecord;

/**
 * What a runner measured for one repetition.
 *
 * @param wallNanos from the first task handed out to the last result received, start-up excluded
 * @param startupNanos spawn-to-ready of the slowest worker for process models, -1 for in-process
 *     models
 * @param tasks every task's record, in completion order
 * @param workerPids the worker processes that ran the tasks (empty in-process)
 */
public record RunMeasurement(long wallNanos, long startupNanos, List<TaskRecord> tasks, List<Long> workerPids) {

    public static final long NO_STARTUP = -1;

    public RunMeasurement {
        tasks = List.copyOf(tasks);
        workerPids = List.copyOf(workerPids);
    }
}
