package org.concurrencylab.execution;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.concurrencylab.workload.TaskRecord;

/**
 * What a runner measured for one repetition.
 *
 * @param wallNanos from the first task handed out to the last result received, start-up excluded
 * @param startupNanos spawn-to-ready of the slowest worker for process models, -1 when no worker
 *     was started for this run (in-process models, or a warm pool already running)
 * @param cpuNanos CPU time of the threads that ran the tasks, summed (see {@link ThreadCpu})
 * @param tasks every task's record, in completion order
 * @param workerPids the worker processes that ran the tasks (empty in-process)
 * @param observations what is special about the model in this run (steals, pinning, lock
 *     hand-offs...), by name; numbers or short strings
 */
public record RunMeasurement(long wallNanos, long startupNanos, long cpuNanos, List<TaskRecord> tasks,
        List<Long> workerPids, Map<String, Object> observations) {

    public static final long NO_STARTUP = -1;

    public RunMeasurement {
        tasks = List.copyOf(tasks);
        workerPids = List.copyOf(workerPids);
        observations = java.util.Collections.unmodifiableMap(new TreeMap<>(observations));
    }

    /** An in-process run: no workers, no start-up. */
    static RunMeasurement inProcess(long wallNanos, long cpuNanos, List<TaskRecord> tasks, Map<String, Object> observations) {
        return new RunMeasurement(wallNanos, NO_STARTUP, cpuNanos, tasks, List.of(), observations);
    }

    public RunMeasurement withObservations(Map<String, Object> more) {
        Map<String, Object> all = new TreeMap<>(observations);
        all.putAll(more);
        return new RunMeasurement(wallNanos, startupNanos, cpuNanos, tasks, workerPids, all);
    }
}
