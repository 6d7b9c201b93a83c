package org.concurrencylab.workload;

import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.ObservedFacts;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskShape;
import org.concurrencylab.core.WorkKind;
import org.concurrencylab.core.Workload;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.core.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code sync.queue}: tasks {@code 0..producers-1} produce, the rest consume, through one bounded
 * {@link ArrayBlockingQueue}. Producer p puts the ids p, p + producers, p + 2 * producers... below
 * {@code items}, so together they put every id once; the last producer to finish puts one end
 * marker per consumer.
 *
 * <p>Shared: the queue, and a count per id of how often it was taken, which is how loss and
 * duplication are detected rather than assumed. Each side tries the non-blocking call first and
 * waits in a blocking section only when the queue is full or empty: CPython likewise keeps the GIL
 * when a lock is free, and the blocked time is then exactly the time spent waiting. Each task
 * returns how many items it handled, so the checksum is twice {@code items}.
 */
final class QueueWorkload implements Workload {

    static final Param.Int PRODUCERS = Param.integer("producers", "producer workers", "workers", 2, 1, 8);
    static final Param.Int CONSUMERS = Param.integer("consumers", "consumer workers", "workers", 2, 1, 8);
    static final Param.Int CAPACITY = Param.integer("capacity", "most items the queue holds", "items", 16, 1, 100_000);
    static final Param.Int ITEMS = Param.integer("items", "items produced in all", "items", 100_000, 1, 2_000_000);

    static final Metric.Count PRODUCED = Metric.count("produced", "items", Aggregation.SUM,
            "items the producers put into the queue");
    static final Metric.Count CONSUMED = Metric.count("consumed", "items", Aggregation.SUM,
            "items the consumers took out of the queue");
    static final Metric.Count LOST = Metric.count("lost", "items", Aggregation.SUM,
            "items produced that no consumer took");
    static final Metric.Count DUPLICATED = Metric.count("duplicated", "items", Aggregation.SUM,
            "extra takes of items already taken");
    static final Metric.Count ITEMS_PER_SECOND = Metric.count("itemsPerSecond", "items/s", Aggregation.SUM,
            "items consumed per second, from the first start to the last end");
    static final Metric.Real PRODUCER_BLOCKED_MILLIS = Metric.real("producerBlockedMillis", "milliseconds",
            Aggregation.SUM, "time producers spent blocked on a full queue, all producers together (back-pressure)");
    static final Metric.Count PEAK_DEPTH = Metric.count("peakDepth", "items", Aggregation.MAX,
            "most items the queue held at once, seen after a put");
    static final Metric.Count CAPACITY_USED = Metric.count("capacity", "items", Aggregation.SAME,
            "most items the queue could hold");

    static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("sync.queue", WorkKind.SHARED_STATE)
            .description("Queue: producers put items numbered 0..items-1 into a bounded ArrayBlockingQueue of capacity "
                    + "and consumers take them, so no item is lost or taken twice without a lock in user code (lost "
                    + "and duplicated stay 0). A full queue blocks producers (producerBlockedMillis): back-pressure.")
            .params(PRODUCERS, CONSUMERS, CAPACITY, ITEMS)
            .refuse(ExecutionModel.PROCESSES, Refusals.NO_SHARED_SIGNAL)
            .refuse(ExecutionModel.SEQUENTIAL, Refusals.ALL_AT_ONCE)
            .tasks(new TaskShape.Fixed("producers + consumers",
                    p -> Math.toIntExact(p.get(PRODUCERS) + p.get(CONSUMERS))))
            .metrics(PRODUCED, CONSUMED, LOST, DUPLICATED, ITEMS_PER_SECOND, PRODUCER_BLOCKED_MILLIS, PEAK_DEPTH,
                    CAPACITY_USED)
            .factory(p -> new QueueWorkload((int) p.get(PRODUCERS), (int) p.get(CONSUMERS), (int) p.get(CAPACITY),
                    (int) p.get(ITEMS)))
            .narrator(QueueWorkload::narrate)
            .build();

    private static final int END = -1;

    private final int producers;
    private final int consumers;
    private final int capacity;
    private final int items;

    private final BlockingQueue<Integer> queue;
    private final TakeCounts taken;
    private final AtomicInteger producersLeft;
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong producerBlockedNanos = new AtomicLong();
    private final AtomicInteger peakDepth = new AtomicInteger();
    private final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);

    QueueWorkload(int producers, int consumers, int capacity, int items) {
        this.producers = producers;
        this.consumers = consumers;
        this.capacity = capacity;
        this.items = items;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.taken = new TakeCounts(items);
        this.producersLeft = new AtomicInteger(producers);
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        firstStart.accumulateAndGet(System.nanoTime(), Math::min);
        long handled = taskIndex < producers ? produce(taskIndex, context) : consume(context);
        lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
        return handled;
    }

    private long produce(int producer, TaskContext context) throws InterruptedException {
        long count = 0;
        for (int id = producer; id < items; id += producers) {
            put(id, context);
            produced.incrementAndGet();
            count++;
            context.checkpoint();
        }
        if (producersLeft.decrementAndGet() == 0) {
            for (int i = 0; i < consumers; i++) {
                put(END, context);
            }
        }
        return count;
    }

    private void put(int id, TaskContext context) throws InterruptedException {
        if (!queue.offer(id)) {
            long start = System.nanoTime();
            context.blocking(() -> queue.put(id));
            producerBlockedNanos.addAndGet(System.nanoTime() - start);
        }
        peakDepth.accumulateAndGet(queue.size(), Math::max);
    }

    private long consume(TaskContext context) throws InterruptedException {
        long count = 0;
        int[] next = new int[1];
        while (true) {
            Integer polled = queue.poll();
            if (polled != null) {
                next[0] = polled;
            } else {
                context.blocking(() -> next[0] = queue.take());
            }
            if (next[0] == END) {
                return count;
            }
            taken.taken(next[0]);
            consumed.incrementAndGet();
            count++;
            context.checkpoint();
        }
    }

    @Override
    public Observations observations() {
        long elapsed = lastEnd.get() - firstStart.get();
        return Observations.builder()
                .put(PRODUCED, produced.get())
                .put(CONSUMED, consumed.get())
                .put(LOST, taken.lost())
                .put(DUPLICATED, taken.duplicated())
                .put(ITEMS_PER_SECOND, elapsed > 0 ? Math.round(consumed.get() * 1e9 / elapsed) : 0)
                .put(PRODUCER_BLOCKED_MILLIS, Math.round(producerBlockedNanos.get() / 1e3) / 1e3)
                .put(PEAK_DEPTH, peakDepth.get())
                .put(CAPACITY_USED, capacity)
                .build();
    }

    /** Whether the hand-off was safe, then how long a full queue held the producers back. */
    private static List<String> narrate(ObservedFacts facts) {
        List<String> sentences = new ArrayList<>();
        OptionalDouble lost = facts.number(LOST);
        OptionalDouble duplicated = facts.number(DUPLICATED);
        OptionalDouble produced = facts.number(PRODUCED);
        if (lost.isPresent() && duplicated.isPresent() && produced.isPresent()) {
            sentences.add(lost.getAsDouble() == 0 && duplicated.getAsDouble() == 0
                    ? String.format(Locale.ROOT, "No item lost or duplicated: all %s produced items were consumed "
                            + "exactly once through the bounded queue.", Words.number(produced.getAsDouble()))
                    : String.format(Locale.ROOT, "The hand-off was unsafe: %s items lost and %s duplicated between "
                            + "producers and consumers%s.", Words.number(lost.getAsDouble()), Words.number(duplicated.getAsDouble()),
                            facts.varies(LOST) || facts.varies(DUPLICATED) ? " on average" : ""));
        }
        OptionalDouble blocked = facts.number(PRODUCER_BLOCKED_MILLIS);
        OptionalDouble depth = facts.number(PEAK_DEPTH);
        OptionalDouble capacity = facts.number(CAPACITY_USED);
        if (blocked.isPresent() && depth.isPresent() && capacity.isPresent()) {
            String averaged = facts.varies(PRODUCER_BLOCKED_MILLIS) || facts.varies(PEAK_DEPTH) ? " on average" : "";
            sentences.add(blocked.getAsDouble() > 0
                    ? String.format(Locale.ROOT, "The queue filled up to %s of its %s slots and producers spent "
                            + "%.3f ms blocked on it in all%s: back-pressure, a full queue slows producers to the "
                            + "consumers' pace.", Words.number(depth.getAsDouble()), Words.number(capacity.getAsDouble()),
                            blocked.getAsDouble(), averaged)
                    : String.format(Locale.ROOT, "The queue held at most %s of its %s slots%s and never made a "
                            + "producer wait: the consumers kept up.", Words.number(depth.getAsDouble()),
                            Words.number(capacity.getAsDouble()), averaged));
        }
        return sentences;
    }

}
