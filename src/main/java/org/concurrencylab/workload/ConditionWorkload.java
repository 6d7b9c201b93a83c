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
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code sync.condition}: task 0 produces the ids 0..items-1 into a ring buffer of
 * {@code capacity} slots, task 1 consumes them, coordinated by one {@link ReentrantLock} and two
 * {@link Condition}s, as Python's {@code threading.Condition}. No queue class: this is what one
 * does inside.
 *
 * <p>Shared: the buffer and its counters, all guarded by the lock, and the consumer's count of how
 * often it took each id (loss and duplication are checked, not assumed). Each side waits in a
 * {@code while} loop, as a condition must be re-checked after every wake-up; a wake-up that finds it
 * still false is counted in {@code spuriousWakeups}. The lock is taken with a non-blocking try
 * first and waited for in a blocking section only when contended, so under an emulated GIL no
 * thread ever waits for the lock while holding the GIL. Each task returns how many items it handled,
 * so the checksum is twice {@code items}.
 */
final class ConditionWorkload implements Workload {

    static final Param.Int ITEMS = Param.integer("items", "items passed from producer to consumer", "items", 100_000, 1,
            2_000_000);
    static final Param.Int CAPACITY = Param.integer("capacity", "slots in the buffer", "items", 8, 1, 100_000);

    static final Metric.Count PRODUCED = Metric.count("produced", "items", Aggregation.SUM,
            "items the producer put into the buffer");
    static final Metric.Count CONSUMED = Metric.count("consumed", "items", Aggregation.SUM,
            "items the consumer took out of the buffer");
    static final Metric.Count LOST = Metric.count("lost", "items", Aggregation.SUM,
            "items produced that the consumer never took");
    static final Metric.Count DUPLICATED = Metric.count("duplicated", "items", Aggregation.SUM,
            "extra takes of items already taken");
    static final Metric.Count PRODUCER_WAITS = Metric.count("producerWaits", "waits", Aggregation.SUM,
            "times the producer waited on notFull because the buffer was full");
    static final Metric.Count CONSUMER_WAITS = Metric.count("consumerWaits", "waits", Aggregation.SUM,
            "times the consumer waited on notEmpty because the buffer was empty");
    static final Metric.Count SPURIOUS_WAKEUPS = Metric.count("spuriousWakeups", "wake-ups", Aggregation.SUM,
            "wake-ups that found their condition still false, so the while loop waited again");
    static final Metric.Count CAPACITY_USED = Metric.count("capacity", "items", Aggregation.SAME,
            "slots in the buffer");

    static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("sync.condition", WorkKind.SHARED_STATE)
            .description("Condition: a producer and a consumer share a small hand-made ring buffer of capacity, "
                    + "guarded by a ReentrantLock with notFull and notEmpty conditions; each waits in a while loop "
                    + "until its condition holds (wake-ups that found it still false are counted as spuriousWakeups). "
                    + "No item is lost or duplicated. This is what a Queue does inside.")
            .params(ITEMS, CAPACITY)
            .refuse(ExecutionModel.PROCESSES, Refusals.NO_SHARED_SIGNAL)
            .refuse(ExecutionModel.SEQUENTIAL, Refusals.ALL_AT_ONCE)
            .tasks(new TaskShape.Fixed("1 producer + 1 consumer", p -> 2))
            .metrics(PRODUCED, CONSUMED, LOST, DUPLICATED, PRODUCER_WAITS, CONSUMER_WAITS, SPURIOUS_WAKEUPS,
                    CAPACITY_USED)
            .factory(p -> new ConditionWorkload((int) p.get(ITEMS), (int) p.get(CAPACITY)))
            .narrator(ConditionWorkload::narrate)
            .build();

    private final int items;
    private final int capacity;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    // Guarded by lock.
    private final int[] buffer;
    private int head;
    private int tail;
    private int count;
    private long produced;
    private long consumed;
    private long producerWaits;
    private long consumerWaits;
    private long spuriousWakeups;
    // Written by the consumer only; read once both tasks ended.
    private final int[] taken;

    ConditionWorkload(int items, int capacity) {
        this.items = items;
        this.capacity = capacity;
        this.buffer = new int[capacity];
        this.taken = new int[items];
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        return taskIndex == 0 ? produce(context) : consume(context);
    }

    private long produce(TaskContext context) throws InterruptedException {
        for (int id = 0; id < items; id++) {
            enter(context);
            try {
                while (count == capacity) {
                    producerWaits++;
                    context.blocking(notFull::await);
                    if (count == capacity) {
                        spuriousWakeups++;
                    }
                }
                buffer[tail] = id;
                tail = (tail + 1) % capacity;
                count++;
                produced++;
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
            context.checkpoint();
        }
        return items;
    }

    private long consume(TaskContext context) throws InterruptedException {
        for (int i = 0; i < items; i++) {
            int id;
            enter(context);
            try {
                while (count == 0) {
                    consumerWaits++;
                    context.blocking(notEmpty::await);
                    if (count == 0) {
                        spuriousWakeups++;
                    }
                }
                id = buffer[head];
                head = (head + 1) % capacity;
                count--;
                consumed++;
                notFull.signal();
            } finally {
                lock.unlock();
            }
            taken[id]++;
            context.checkpoint();
        }
        return items;
    }

    private void enter(TaskContext context) throws InterruptedException {
        if (!lock.tryLock()) {
            context.blocking(lock::lockInterruptibly);
        }
    }

    @Override
    public Observations observations() {
        long lost = 0;
        long duplicated = 0;
        for (int times : taken) {
            if (times == 0) {
                lost++;
            } else {
                duplicated += times - 1;
            }
        }
        Observations.Builder o = Observations.builder();
        lock.lock();
        try {
            o.put(PRODUCED, produced)
                    .put(CONSUMED, consumed)
                    .put(LOST, lost)
                    .put(DUPLICATED, duplicated)
                    .put(PRODUCER_WAITS, producerWaits)
                    .put(CONSUMER_WAITS, consumerWaits)
                    .put(SPURIOUS_WAKEUPS, spuriousWakeups)
                    .put(CAPACITY_USED, capacity);
        } finally {
            lock.unlock();
        }
        return o.build();
    }

    /** Whether the hand-off was safe, then how often each side waited for its condition. */
    private static List<String> narrate(ObservedFacts facts) {
        OptionalDouble lost = facts.number(LOST);
        OptionalDouble duplicated = facts.number(DUPLICATED);
        OptionalDouble produced = facts.number(PRODUCED);
        OptionalDouble producerWaits = facts.number(PRODUCER_WAITS);
        OptionalDouble consumerWaits = facts.number(CONSUMER_WAITS);
        OptionalDouble spurious = facts.number(SPURIOUS_WAKEUPS);
        OptionalDouble capacity = facts.number(CAPACITY_USED);
        if (lost.isEmpty() || duplicated.isEmpty() || produced.isEmpty() || producerWaits.isEmpty()
                || consumerWaits.isEmpty() || spurious.isEmpty() || capacity.isEmpty()) {
            return List.of();
        }
        String handOff = lost.getAsDouble() == 0 && duplicated.getAsDouble() == 0
                ? String.format(Locale.ROOT, "No item lost or duplicated: all %s produced items passed through the "
                        + "%s-slot buffer exactly once.", Words.number(produced.getAsDouble()), Words.number(capacity.getAsDouble()))
                : String.format(Locale.ROOT, "The hand-off was unsafe: %s items lost and %s duplicated between the "
                        + "producer and the consumer.", Words.number(lost.getAsDouble()), Words.number(duplicated.getAsDouble()));
        boolean averaged = facts.varies(PRODUCER_WAITS) || facts.varies(CONSUMER_WAITS)
                || facts.varies(SPURIOUS_WAKEUPS);
        return List.of(handOff, String.format(Locale.ROOT, "The producer waited %s times for a free slot and the "
                + "consumer %s times for an item%s; %s wake-ups found their condition still false and waited again in "
                + "the while loop.", Words.number(producerWaits.getAsDouble()), Words.number(consumerWaits.getAsDouble()),
                averaged ? " on average" : "", Words.number(spurious.getAsDouble())));
    }

}
