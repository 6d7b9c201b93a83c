package org.concurrencylab.measure;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.TaskRecord;

/**
 * One repetition as users read it.
 *
 * @param index position among all runs of the experiment, in the order they ran
 * @param warmup warm-up runs are shown but left out of the summary
 * @param baseline a run of the in-experiment SEQUENTIAL baseline
 * @param model the model that ran it
 * @param wallMillis first task handed out to last result in, start-up excluded
 * @param cpuMillis CPU time of the threads that ran the tasks, summed; absent where no thread of
 *     the lab did the work (ipc.pipe: the pipes' and the other JVM's)
 * @param taskMillis per-task service time, started to finished
 * @param queueWaitMillis per-task queue wait, handed to the model to started: waiting for a
 *     thread, a permit or a worker (for SEQUENTIAL, for the tasks before it); absent on runs from
 *     before it was measured
 * @param startupMillis processes only: spawn to ready of the slowest worker
 * @param workerPids processes only: the worker JVMs that ran the tasks
 * @param observations what the model saw in this run (steals, pinning, lock hand-offs...)
 * @param timeline per task {@code [lane, startMicros, endMicros]} from the first task start, lanes
 *     assigned from the times (see {@link Timeline}); absent for runs of more than
 *     {@value Timeline#MAX_TASKS} tasks and on runs from before timelines were kept
 * @param gilHolds GIL only: who held the global lock when, {@code [thread, startMicros, endMicros]}
 *     on the timeline's clock, threads numbered from 0 in the order they first held it; absent for
 *     other models, for runs without a timeline, for runs that held it too often to keep, and on
 *     runs from before holds were kept
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunResult(
        int index,
        boolean warmup,
        boolean baseline,
        String model,
        double wallMillis,
        Double cpuMillis,
        int tasks,
        double throughputPerSecond,
        Percentiles taskMillis,
        Percentiles queueWaitMillis,
        Double startupMillis,
        long checksum,
        List<Long> workerPids,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Observations observations,
        List<long[]> timeline,
        List<long[]> gilHolds) {

    /** Without the GIL's holds (every model but GIL). */
    public RunResult(int index, boolean warmup, boolean baseline, String model, double wallMillis, Double cpuMillis,
            int tasks, double throughputPerSecond, Percentiles taskMillis, Percentiles queueWaitMillis,
            Double startupMillis, long checksum, List<Long> workerPids, Observations observations,
            List<long[]> timeline) {
        this(index, warmup, baseline, model, wallMillis, cpuMillis, tasks, throughputPerSecond, taskMillis,
                queueWaitMillis, startupMillis, checksum, workerPids, observations, timeline, null);
    }

    /** Without queue waits or a timeline. */
    public RunResult(int index, boolean warmup, boolean baseline, String model, double wallMillis, Double cpuMillis,
            int tasks, double throughputPerSecond, Percentiles taskMillis, Double startupMillis, long checksum,
            List<Long> workerPids, Observations observations) {
        this(index, warmup, baseline, model, wallMillis, cpuMillis, tasks, throughputPerSecond, taskMillis, null,
                startupMillis, checksum, workerPids, observations, null);
    }

    /** @param lockHolds GIL only: {@code [thread, startNanos, endNanos]} per hold of the global lock */
    public static RunResult of(
            int index,
            boolean warmup,
            boolean baseline,
            String model,
            long wallNanos,
            long startupNanos,
            long cpuNanos,
            List<TaskRecord> tasks,
            List<Long> workerPids,
            Observations observations,
            List<long[]> lockHolds) {
        long checksum = 0;
        long[] durations = new long[tasks.size()];
        long[] waits = new long[tasks.size()];
        for (int i = 0; i < durations.length; i++) {
            TaskRecord task = tasks.get(i);
            checksum += task.checksum();
            durations[i] = task.durationNanos();
            waits[i] = task.queueWaitNanos();
        }
        double throughput = wallNanos > 0 ? Rounding.round3(tasks.size() * 1e9 / wallNanos) : 0;
        return new RunResult(
                index,
                warmup,
                baseline,
                model,
                Rounding.millis(wallNanos),
                cpuNanos < 0 ? null : Rounding.millis(cpuNanos),
                tasks.size(),
                throughput,
                Percentiles.ofNanos(durations),
                Percentiles.ofNanos(waits),
                startupNanos >= 0 ? Rounding.millis(startupNanos) : null,
                checksum,
                workerPids.isEmpty() ? null : List.copyOf(workerPids),
                observations,
                Timeline.of(tasks),
                Timeline.holds(tasks, lockHolds));
    }
}
