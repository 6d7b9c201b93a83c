package org.concurrencylab.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.concurrencylab.core.TaskRecord;

/**
 * A run's tasks laid out in time: per task {@code [lane, startMicros, endMicros]}, relative to the
 * run's first task start, in the order the tasks started.
 *
 * <p>A {@link TaskRecord} carries no thread id, so lanes are assigned from the times alone: tasks
 * sorted by start, each put in the first lane that is free at its start (greedy interval-graph
 * colouring). That uses exactly as many lanes as the most tasks that overlapped at any instant, so
 * it shows the concurrency the run really had; it does not claim which thread ran which task.
 *
 * <p>Tasks of PROCESSES runs were timed in worker JVMs. On Linux {@code System.nanoTime} reads
 * CLOCK_MONOTONIC, which all processes on one machine share, so their offsets are comparable with
 * each other (and with the server's); on other platforms the worker lanes may be shifted.
 */
final class Timeline {

    /** Runs with more tasks than this record no timeline, to keep the stored JSON bounded. */
    public static final int MAX_TASKS = 2_000;

    private Timeline() {}

    /** The timeline of a run, or null when it has no tasks or more than {@link #MAX_TASKS}. */
    public static List<long[]> of(List<TaskRecord> tasks) {
        if (tasks.isEmpty() || tasks.size() > MAX_TASKS) {
            return null;
        }
        long[][] intervals = new long[tasks.size()][];
        for (int i = 0; i < intervals.length; i++) {
            TaskRecord task = tasks.get(i);
            intervals[i] = new long[] {task.startNanos(), Math.max(task.startNanos(), task.endNanos())};
        }
        int[] lanes = lanes(intervals);
        long origin = Arrays.stream(intervals).mapToLong(iv -> iv[0]).min().orElse(0);
        List<long[]> timeline = new ArrayList<>(intervals.length);
        Integer[] order = byStart(intervals);
        for (int i : order) {
            timeline.add(new long[] {lanes[i], (intervals[i][0] - origin) / 1_000, (intervals[i][1] - origin) / 1_000});
        }
        return timeline;
    }

    /**
     * The holds of a global lock on the same clock as {@link #of}'s tasks: {@code [thread,
     * startMicros, endMicros]} from the run's first task start (a hold that began before it, while the
     * first task was being set up, starts at 0). Null when the run has no timeline or no holds.
     */
    public static List<long[]> holds(List<TaskRecord> tasks, List<long[]> holdNanos) {
        if (holdNanos.isEmpty() || tasks.isEmpty() || tasks.size() > MAX_TASKS) {
            return null;
        }
        long origin = tasks.stream().mapToLong(TaskRecord::startNanos).min().orElse(0);
        List<long[]> holds = new ArrayList<>(holdNanos.size());
        for (long[] hold : holdNanos) {
            holds.add(new long[] {hold[0], Math.max(0, hold[1] - origin) / 1_000, Math.max(0, hold[2] - origin) / 1_000});
        }
        return holds;
    }

    /**
     * Greedy lane assignment: intervals ({@code [start, end]}) taken by start, each in the lowest
     * lane whose last interval ended at or before its start. Returns the lane of each interval, by
     * its position in the input.
     */
    public static int[] lanes(long[][] intervals) {
        int[] lanes = new int[intervals.length];
        List<Long> laneEnds = new ArrayList<>();
        for (int i : byStart(intervals)) {
            long start = intervals[i][0];
            int lane = 0;
            while (lane < laneEnds.size() && laneEnds.get(lane) > start) {
                lane++;
            }
            if (lane == laneEnds.size()) {
                laneEnds.add(intervals[i][1]);
            } else {
                laneEnds.set(lane, intervals[i][1]);
            }
            lanes[i] = lane;
        }
        return lanes;
    }

    private static Integer[] byStart(long[][] intervals) {
        Integer[] order = new Integer[intervals.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> intervals[i][0]).thenComparingLong(i -> intervals[i][1]));
        return order;
    }
}
