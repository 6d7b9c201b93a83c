package org.concurrencylab.workload;

import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.ObservedFacts;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskShape;
import org.concurrencylab.core.WorkKind;
import org.concurrencylab.core.Workload;
import org.concurrencylab.core.WorkloadDefinition;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The worker's side of {@code ipc.pipe}, which has nothing to compute: the server streams PING
 * frames to the worker and its reader thread echoes each one straight back as a PONG, so the lab
 * times the pipe and the framing, nothing else. A task of ipc.pipe is one stream of messages, run
 * by the server's worker pool (see {@code WorkerPool}), never by a worker's task thread and never
 * in-process, where threads share memory and there is no pipe to measure. Its observations are
 * made by the pool's {@code PipeExchange}, from the metrics declared here.
 */
public final class PipeWorkload implements Workload {

    /** At most this many payload bytes in one run (messages x payloadBytes x tasks): 256 MiB. */
    public static final long MAX_BYTES_PER_RUN = 256L << 20;

    public static final Param.Int MESSAGES = Param.integer("messages", "messages each task sends and gets back",
            "messages", 10_000, 1, 1_000_000);
    public static final Param.Int PAYLOAD_BYTES = Param.integer("payloadBytes", "bytes in each message", "bytes", 64,
            1, 1 << 20);

    public static final Metric.Count MESSAGES_PER_SECOND = Metric.count("messagesPerSecond", "messages/s",
            Aggregation.SUM, "messages echoed back intact per second of the run's wall time, every stream together");
    public static final Metric.Count BYTES_PER_SECOND = Metric.count("bytesPerSecond", "bytes/s", Aggregation.SUM,
            "payload bytes sent per second of the run's wall time, every stream together");
    public static final Metric.Real ROUND_TRIP_MICROS_P50 = Metric.real("roundTripMicrosP50", "microseconds",
            Aggregation.MAX, "median round trip of one message, server to worker and back (combined: the worst "
                    + "worker's)");
    public static final Metric.Real ROUND_TRIP_MICROS_P99 = Metric.real("roundTripMicrosP99", "microseconds",
            Aggregation.MAX, "99th percentile round trip of one message (combined: the worst worker's)");
    public static final Metric.Count PAYLOAD_BYTES_USED = Metric.count("payloadBytes", "bytes", Aggregation.SAME,
            "bytes in each message");
    public static final Metric.Count MESSAGES_ECHOED = Metric.count("messages", "messages", Aggregation.SUM,
            "messages echoed back intact, checked byte by byte (also the checksum)");

    private static final String IN_PROCESS = "ipc.pipe measures messages between processes; threads in one JVM share "
            + "memory and pass data by reference, with no pipe to measure. To see threads hand items to each other, "
            + "use sync.queue";

    public static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("ipc.pipe", WorkKind.INTER_PROCESS)
            .description("Processes share no memory, so they must message each other: the server sends messages of "
                    + "payloadBytes to a worker JVM over its stdin pipe, one at a time, and the worker echoes each "
                    + "back over stdout. One task is one worker's stream of messages; tasks default to the "
                    + "parallelism, one stream per worker, all at once. Reports messagesPerSecond and bytesPerSecond "
                    + "(payload bytes sent, over the run's wall time), the round trip of one message "
                    + "(roundTripMicrosP50/P99), and messages (echoed back intact, checked byte by byte: also the "
                    + "checksum). Compare with sync.queue, which hands items between threads in one JVM's memory. At "
                    + "most 256 MiB of payload per run (messages x payloadBytes x tasks).")
            .params(MESSAGES, PAYLOAD_BYTES)
            .refuse(Refusals.IN_ONE_JVM, IN_PROCESS)
            .tasks(new TaskShape.OnePerTask())
            .metrics(MESSAGES_PER_SECOND, BYTES_PER_SECOND, ROUND_TRIP_MICROS_P50, ROUND_TRIP_MICROS_P99,
                    PAYLOAD_BYTES_USED, MESSAGES_ECHOED)
            .factory(p -> new PipeWorkload())
            .rule(PipeWorkload::payloadFits)
            .echoedByWorker()
            .narrator(PipeWorkload::narrate)
            .build();

    @Override
    public long runTask(int taskIndex, TaskContext context) {
        throw new UnsupportedOperationException("ipc.pipe has no task to run in a JVM: the server's worker pool "
                + "exchanges its messages with a worker JVM over the pipe");
    }

    /** At most {@link #MAX_BYTES_PER_RUN} payload bytes in a run. */
    private static Optional<WorkloadDefinition.ParamProblem> payloadFits(ParamValues values, int tasks) {
        long messages = values.get(MESSAGES);
        long payloadBytes = values.get(PAYLOAD_BYTES);
        // In double: a long could overflow with many tasks; the bound is far below where doubles lose precision.
        double bytes = (double) messages * payloadBytes * tasks;
        if (bytes <= MAX_BYTES_PER_RUN) {
            return Optional.empty();
        }
        return Optional.of(new WorkloadDefinition.ParamProblem("messages", "messages x payloadBytes x tasks must be at "
                + "most " + MAX_BYTES_PER_RUN + " bytes (256 MiB) per run, was " + messages + " x " + payloadBytes
                + " x " + tasks + " = " + String.format(Locale.ROOT, "%.0f", bytes) + "; at most "
                + Math.max(1, MAX_BYTES_PER_RUN / (payloadBytes * tasks)) + " messages fit"));
    }

    /** The round trip of one message and what the pipe carried per second. */
    private static List<String> narrate(ObservedFacts facts) {
        OptionalDouble p50 = facts.number(ROUND_TRIP_MICROS_P50);
        OptionalDouble p99 = facts.number(ROUND_TRIP_MICROS_P99);
        OptionalDouble messages = facts.number(MESSAGES_PER_SECOND);
        OptionalDouble bytes = facts.number(BYTES_PER_SECOND);
        OptionalDouble payload = facts.number(PAYLOAD_BYTES_USED);
        if (p50.isEmpty() || p99.isEmpty() || messages.isEmpty() || bytes.isEmpty() || payload.isEmpty()) {
            return List.of();
        }
        boolean averaged = facts.varies(ROUND_TRIP_MICROS_P50) || facts.varies(ROUND_TRIP_MICROS_P99)
                || facts.varies(MESSAGES_PER_SECOND) || facts.varies(BYTES_PER_SECOND);
        return List.of(String.format(Locale.ROOT, "A message of %.0f bytes took a median %.2f microseconds to cross "
                + "the pipe to a worker process and back (p99 %.2f); the streams together moved %.0f messages and "
                + "%.2f MB of payload per second%s. Every byte was copied between processes, where threads in one JVM "
                + "would pass a reference.", payload.getAsDouble(), p50.getAsDouble(), p99.getAsDouble(),
                messages.getAsDouble(), bytes.getAsDouble() / 1e6, averaged ? " on average" : ""));
    }
}
