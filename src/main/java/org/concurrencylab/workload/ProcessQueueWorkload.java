package org.concurrencylab.workload;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.ObservedFacts;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskShape;
import org.concurrencylab.core.WorkKind;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.core.Words;

/**
 * {@code ipc.queue}: {@code multiprocessing.Queue}, a queue on top of pipes. Tasks
 * {@code 0..producers-1} are producer worker JVMs; producer p puts the ids p, p + producers, ...
 * below {@code items}, each with {@code payloadBytes} stamped with its id, through its pipe into the
 * one queue the server holds (its {@code ServedQueue}). The server consumes them itself, or, with
 * {@code consumers} > 0, hands them to the consumer worker JVMs (the remaining tasks), one per GET,
 * and an end marker once every item is handed out, as a None a consumer stops at.
 *
 * <p>Shared: the queue, in the server only, which also counts how often each id was taken, so loss
 * and duplication are measured, not assumed, and makes every observation (the workers have only
 * their pipes). A producer task returns the items it put; a consumer the items it got intact (the
 * stamped id checked), so with consumers the checksum is twice {@code items}.
 */
public final class ProcessQueueWorkload extends ServerLinked {

    /** At most this many payload bytes in one run (items x payloadBytes): 256 MiB, as ipc.pipe. */
    static final long MAX_BYTES_PER_RUN = 256L << 20;

    public static final Param.Int PRODUCERS = Param.integer("producers", "producer worker processes", "workers", 2, 1,
            8);
    public static final Param.Int CONSUMERS = Param.integer("consumers", "consumer worker processes (0: the server "
            + "consumes)", "workers", 1, 0, 8);
    public static final Param.Int ITEMS = Param.integer("items", "items produced in all", "items", 10_000, 1,
            1_000_000);
    public static final Param.Int PAYLOAD_BYTES = Param.integer("payloadBytes", "bytes in each item", "bytes", 64, 8,
            65_536);

    public static final Metric.Count PRODUCED = Metric.count("produced", "items", Aggregation.SUM,
            "items the producers put into the server's queue");
    public static final Metric.Count CONSUMED = Metric.count("consumed", "items", Aggregation.SUM,
            "items taken out of the queue (by the consumer workers, or the server)");
    public static final Metric.Count LOST = Metric.count("lost", "items", Aggregation.SUM,
            "items produced that nobody took");
    public static final Metric.Count DUPLICATED = Metric.count("duplicated", "items", Aggregation.SUM,
            "extra takes of items already taken");
    public static final Metric.Count ITEMS_PER_SECOND = Metric.count("itemsPerSecond", "items/s", Aggregation.SUM,
            "items consumed per second of the run's wall time");
    public static final Metric.Count BYTES_PER_SECOND = Metric.count("bytesPerSecond", "bytes/s", Aggregation.SUM,
            "payload bytes consumed per second of the run's wall time");
    public static final Metric.Count PEAK_DEPTH = Metric.count("peakDepth", "items", Aggregation.MAX,
            "most items the server's queue held at once, seen after a put");

    private static final String IN_PROCESS = "ipc.queue moves items between processes through pipes, as "
            + "multiprocessing.Queue; threads in one JVM hand items over in memory. To see that, use sync.queue";

    public static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("ipc.queue", WorkKind.INTER_PROCESS)
            .description("multiprocessing.Queue, a queue built on pipes: producer worker JVMs put items numbered "
                    + "0..items-1, each of payloadBytes, through their pipes into one queue the server holds; the "
                    + "server consumes them, or with consumers > 0 hands each to a consumer worker JVM through its "
                    + "pipe. Nothing is lost or duplicated (lost and duplicated stay 0), but every item is copied "
                    + "twice between processes: compare itemsPerSecond with sync.queue on THREADS, the cost of moving "
                    + "a threaded queue program to processes. Tasks are producers + consumers, all at once. At most "
                    + "256 MiB of payload per run (items x payloadBytes).")
            .params(PRODUCERS, CONSUMERS, ITEMS, PAYLOAD_BYTES)
            .refuse(Refusals.IN_ONE_JVM, IN_PROCESS)
            .tasks(new TaskShape.Fixed("producers + consumers",
                    p -> Math.toIntExact(p.get(PRODUCERS) + p.get(CONSUMERS))))
            .metrics(PRODUCED, CONSUMED, LOST, DUPLICATED, ITEMS_PER_SECOND, BYTES_PER_SECOND, PEAK_DEPTH)
            .factory(p -> new ProcessQueueWorkload((int) p.get(PRODUCERS), (int) p.get(ITEMS),
                    (int) p.get(PAYLOAD_BYTES)))
            .rule(ProcessQueueWorkload::payloadFits)
            // Its tasks call the server, which the AOT training run does not serve.
            .notInWorkerCache()
            .narrator(ProcessQueueWorkload::narrate)
            .build();

    private final int producers;
    private final int items;
    private final int payloadBytes;

    ProcessQueueWorkload(int producers, int items, int payloadBytes) {
        this.producers = producers;
        this.items = items;
        this.payloadBytes = payloadBytes;
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        ServerLink link = server("no server queue: ipc.queue runs in worker processes, which put and get items "
                + "through their pipes");
        return taskIndex < producers ? produce(link, taskIndex) : consume(link);
    }

    private long produce(ServerLink link, int producer) throws InterruptedException {
        // One array for every put: a put has written it to the pipe by the time it returns.
        byte[] payload = new byte[payloadBytes];
        long count = 0;
        for (int id = producer; id < items; id += producers) {
            stamp(payload, id);
            link.put(id, payload);
            count++;
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped after " + count + " items");
            }
        }
        return count;
    }

    private long consume(ServerLink link) {
        long intact = 0;
        for (ServerLink.Item item = link.get(); item != null; item = link.get()) {
            if (item.payload().length == payloadBytes && stamped(item.payload()) == item.id()) {
                intact++;
            }
        }
        return intact;
    }

    /** The id in the payload's first bytes, so a consumer can tell an item from another's. */
    static void stamp(byte[] payload, long id) {
        for (int i = 0; i < Long.BYTES; i++) {
            payload[i] = (byte) (id >>> (8 * i));
        }
    }

    static long stamped(byte[] payload) {
        long id = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            id |= (payload[i] & 0xFFL) << (8 * i);
        }
        return id;
    }

    /** At most {@link #MAX_BYTES_PER_RUN} payload bytes in a run. */
    private static Optional<WorkloadDefinition.ParamProblem> payloadFits(ParamValues values, int tasks) {
        long bytes = values.get(ITEMS) * values.get(PAYLOAD_BYTES);
        return bytes <= MAX_BYTES_PER_RUN ? Optional.empty()
                : Optional.of(new WorkloadDefinition.ParamProblem("items", "items x payloadBytes must be at most "
                        + MAX_BYTES_PER_RUN + " bytes (256 MiB) per run, was " + values.get(ITEMS) + " x "
                        + values.get(PAYLOAD_BYTES) + " = " + bytes));
    }

    /** Whether the hand-off between processes was safe, and what it carried per second. */
    private static List<String> narrate(ObservedFacts facts) {
        OptionalDouble lost = facts.number(LOST);
        OptionalDouble duplicated = facts.number(DUPLICATED);
        OptionalDouble produced = facts.number(PRODUCED);
        OptionalDouble rate = facts.number(ITEMS_PER_SECOND);
        if (lost.isEmpty() || duplicated.isEmpty() || produced.isEmpty() || rate.isEmpty()) {
            return List.of();
        }
        String safety = lost.getAsDouble() == 0 && duplicated.getAsDouble() == 0
                ? String.format(Locale.ROOT, "No item lost or duplicated: all %s items crossed from the producer "
                        + "processes through the server's queue exactly once", Words.number(produced.getAsDouble()))
                : String.format(Locale.ROOT, "%s items were lost and %s duplicated", Words.number(lost.getAsDouble()),
                        Words.number(duplicated.getAsDouble()));
        return List.of(String.format(Locale.ROOT, "%s, at %s items per second%s: each one was copied through pipes "
                + "between processes, where threads would pass a reference (compare sync.queue).", safety,
                Words.number(Math.round(rate.getAsDouble())), facts.varies(ITEMS_PER_SECOND) ? " on average" : ""));
    }
}
