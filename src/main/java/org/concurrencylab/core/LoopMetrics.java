package org.concurrencylab.core;

/**
 * The observations of an EVENT_LOOP run, declared where both the loop that makes them and the
 * interpreter that reads them can name them typed. Never combined across workers (the loop runs
 * in the server's JVM); MAX is the honest policy for a worst case should they ever be.
 */
public final class LoopMetrics {

    private LoopMetrics() {}

    public static final Metric.Real LAG_P50 = Metric.real("loopLagMillisP50", "milliseconds", Aggregation.MAX,
            "median of how late callbacks ran against when they were due");
    public static final Metric.Real LAG_P99 = Metric.real("loopLagMillisP99", "milliseconds", Aggregation.MAX,
            "99th percentile of how late callbacks ran: the cost of whatever held the loop");
    public static final Metric.Real LAG_MAX = Metric.real("loopLagMillisMax", "milliseconds", Aggregation.MAX,
            "the latest any callback ran against when it was due");
    public static final Metric.Count CALLBACKS = Metric.count("callbacks", "callbacks", Aggregation.SUM,
            "callbacks the loop ran: task starts, timers and resumed replies");
    public static final Metric.Count SLOW_CALLBACKS = Metric.count("slowCallbacks", "callbacks", Aggregation.SUM,
            "callbacks that held the loop at least slowCallbackMillis, as asyncio's debug mode warns");
    public static final Metric.Count SLOW_CALLBACK_MILLIS = Metric.count("slowCallbackMillis", "milliseconds",
            Aggregation.SAME, "how long a callback may hold the loop before it counts as slow");
    public static final Metric.Count PEAK_PENDING = Metric.count("peakPendingTasks", "tasks", Aggregation.MAX,
            "the most tasks started and not yet finished at once: the waits the one thread overlapped");
}
