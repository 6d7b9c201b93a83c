package org.concurrencylab.core;

/**
 * What one task of a workload is known to cost from its params alone: the time it waits (a sleep,
 * a server's delay, a timer's period), which no machine shortens. Computing is left out on purpose:
 * how long it takes depends on the machine, so the lab learns it from runs measured there instead.
 * So a cost is a lower bound, and a spec refused for it could never have fitted its time limit.
 *
 * @param waitMillis the least time one task spends waiting; 0 when nothing is known
 * @param yieldsOnLoop whether, on an event loop, the wait hands the loop back (await asyncio.sleep),
 *     so every task's waits overlap on its one thread; false when the wait blocks the loop's thread
 */
public record TaskCost(long waitMillis, boolean yieldsOnLoop) {

    /** Nothing known from the params: the work is computing, or waits on other tasks. */
    public static final TaskCost UNKNOWN = new TaskCost(0, true);

    public TaskCost {
        if (waitMillis < 0) {
            throw new IllegalArgumentException("a wait cannot be negative: " + waitMillis);
        }
    }

    /** A wait that overlaps with the other tasks' on an event loop, as every cooperative wait does. */
    public static TaskCost waiting(long millis) {
        return new TaskCost(millis, true);
    }
}
