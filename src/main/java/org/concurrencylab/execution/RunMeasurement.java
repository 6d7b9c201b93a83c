package org.concurrencylab.execution;

import java.util.List;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.TaskRecord;

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
 *     hand-offs...), each declared by the model's runner
 * @param lockHolds GIL only: who held the lock when, {@code [thread, startNanos, endNanos]}; empty
 *     for other models (and for a GIL run that held it too often to keep)
 */
record RunMeasurement(long wallNanos, long startupNanos, long cpuNanos, List<TaskRecord> tasks,
        List<Long> workerPids, Observations observations, List<long[]> lockHolds) {

    public static final long NO_STARTUP = -1;

    /** CPU time that no thread of this JVM spent and so cannot be read (ipc.pipe's). */
    public static final long NOT_MEASURED = -1;

    public RunMeasurement {
        tasks = List.copyOf(tasks);
        workerPids = List.copyOf(workerPids);
        lockHolds = List.copyOf(lockHolds);
    }

    /** A run without a global lock. */
    RunMeasurement(long wallNanos, long startupNanos, long cpuNanos, List<TaskRecord> tasks, List<Long> workerPids,
            Observations observations) {
        this(wallNanos, startupNanos, cpuNanos, tasks, workerPids, observations, List.of());
    }

    /** An in-process run: no workers, no start-up. */
    static RunMeasurement inProcess(long wallNanos, long cpuNanos, List<TaskRecord> tasks, Observations observations) {
        return new RunMeasurement(wallNanos, NO_STARTUP, cpuNanos, tasks, List.of(), observations);
    }

    public RunMeasurement withObservations(Observations more) {
        return new RunMeasurement(wallNanos, startupNanos, cpuNanos, tasks, workerPids, observations.with(more),
                lockHolds);
    }

    public RunMeasurement withLockHolds(List<long[]> holds) {
        return new RunMeasurement(wallNanos, startupNanos, cpuNanos, tasks, workerPids, observations, holds);
    }
}
