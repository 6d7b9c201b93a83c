package org.concurrencylab.workload;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.ObservedFacts;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskShape;
import org.concurrencylab.core.WorkKind;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.core.Words;

/**
 * {@code ipc.manager}: a managed object, as {@code multiprocessing.Manager} serves one. The counter
 * lives in the server; every task is a worker JVM whose proxy calls {@code increment} on it
 * {@code operations} times, each call a message over the worker's pipe and an answer back
 * ({@link ServerLink#increment}). The server applies each call whole, one at a time, so nothing is
 * lost however the workers interleave: safe, and as slow as a round trip per operation.
 *
 * <p>Shared: the counter, in the server only (its {@code ManagedCounter}). The worker keeps the round
 * trips of its calls; the server adds the counter's final value, so {@code lostUpdates} is measured
 * as in {@code ipc.shared}, never assumed. Each task returns its operations, so the checksum is the
 * expected total.
 */
public final class ManagerWorkload extends ServerLinked {

    public static final Param.Int OPERATIONS = Param.integer("operations", "increments each worker process asks the "
            + "server for", "operations", 10_000, 1, 1_000_000);

    static final Metric.Count EXPECTED = Metric.count("expected", "increments", Aggregation.SUM,
            "increments the worker processes asked for, which the counter should show");
    public static final Metric.Count OBSERVED = Metric.count("observed", "increments", Aggregation.SAME,
            "the managed counter's value once every worker had finished, read by the server");
    static final Metric.Count LOST_UPDATES = Metric.count("lostUpdates", "increments", Aggregation.DERIVED,
            "expected - observed: 0, since the server applies each call whole");
    static final Metric.Count OPERATIONS_PER_SECOND = Metric.count("operationsPerSecond", "operations/s",
            Aggregation.SUM, "calls answered per second, each worker's from its first call to its last, summed");
    static final Metric.Real ROUND_TRIP_MICROS_P50 = Metric.real("roundTripMicrosP50", "microseconds",
            Aggregation.MAX, "median round trip of one call, worker to server and back (combined: the worst worker's)");
    static final Metric.Real ROUND_TRIP_MICROS_P99 = Metric.real("roundTripMicrosP99", "microseconds",
            Aggregation.MAX, "99th percentile round trip of one call (combined: the worst worker's)");

    private static final String IN_PROCESS = "ipc.manager reaches an object in another process by messages, as "
            + "multiprocessing.Manager; threads in one JVM call a shared object directly. To see threads share a "
            + "counter safely, use sync.counter with strategy lock or atomic";

    public static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("ipc.manager", WorkKind.INTER_PROCESS)
            .description("A managed object, as multiprocessing.Manager: the counter lives in the server, and every "
                    + "task is a worker JVM whose proxy calls increment on it operations times, each call a message "
                    + "over the pipe and an answer back. The server applies each call whole, so lostUpdates is 0 "
                    + "however the workers interleave: safe, but every operation pays a round trip "
                    + "(roundTripMicrosP50/P99, operationsPerSecond). Compare with ipc.shared strategy atomic, where "
                    + "the counter is in memory the processes share.")
            .params(OPERATIONS)
            .refuse(Refusals.IN_ONE_JVM, IN_PROCESS)
            .tasks(new TaskShape.OnePerTask())
            .metrics(EXPECTED, OBSERVED, LOST_UPDATES, OPERATIONS_PER_SECOND, ROUND_TRIP_MICROS_P50,
                    ROUND_TRIP_MICROS_P99)
            .factory(p -> new ManagerWorkload(p.get(OPERATIONS)))
            .derive(LostUpdates.derive(EXPECTED, OBSERVED, LOST_UPDATES))
            // Its tasks call the server, which the AOT training run does not serve.
            .notInWorkerCache()
            .narrator(ManagerWorkload::narrate)
            .build();

    private final long operations;
    // The worker's own: its tasks and its OBSERVE run one after another on its one task thread.
    private final LatencyHistogram roundTrips = new LatencyHistogram();
    private long made;
    private long firstStart = Long.MAX_VALUE;
    private long lastEnd = Long.MIN_VALUE;

    ManagerWorkload(long operations) {
        this.operations = operations;
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        ServerLink link = server("no server to call: ipc.manager runs in worker processes, whose proxy calls the "
                + "counter the server holds");
        long before = System.nanoTime();
        firstStart = Math.min(firstStart, before);
        for (long i = 0; i < operations; i++) {
            link.increment();
            long after = System.nanoTime();
            roundTrips.record(after - before);
            before = after;
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped after " + i + " operations");
            }
        }
        lastEnd = Math.max(lastEnd, before);
        made += operations;
        return operations;
    }

    /** This worker's part; the server adds the counter's final value. */
    @Override
    public Observations observations() {
        long elapsed = lastEnd - firstStart;
        return Observations.builder()
                .put(EXPECTED, made)
                .put(OPERATIONS_PER_SECOND, elapsed > 0 ? Math.round(made * 1e9 / elapsed) : 0)
                .put(ROUND_TRIP_MICROS_P50, micros(roundTrips.percentile(50)))
                .put(ROUND_TRIP_MICROS_P99, micros(roundTrips.percentile(99)))
                .build();
    }

    private static double micros(double nanos) {
        return Math.round(nanos / 10.0) / 100.0;
    }

    /** The price of safety: a round trip per operation. */
    private static List<String> narrate(ObservedFacts facts) {
        OptionalDouble lost = facts.number(LOST_UPDATES);
        OptionalDouble p50 = facts.number(ROUND_TRIP_MICROS_P50);
        OptionalDouble rate = facts.number(OPERATIONS_PER_SECOND);
        if (lost.isEmpty() || p50.isEmpty() || rate.isEmpty()) {
            return List.of();
        }
        return List.of(String.format(Locale.ROOT, "The managed counter lost %s updates: the server applied each "
                + "call whole. Each increment cost a round trip of a median %.2f microseconds between processes, "
                + "%s operations per second in all; ipc.shared with strategy atomic does the same in shared memory "
                + "at a fraction of the cost.", Words.number(lost.getAsDouble()), p50.getAsDouble(),
                Words.number(Math.round(rate.getAsDouble()))));
    }
}
