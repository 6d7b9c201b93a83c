package org.concurrencylab.workload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
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

    private static final int END = -1;

    private final int producers;
    private final int consumers;
    private final int capacity;
    private final int items;

    private final BlockingQueue<Integer> queue;
    private final AtomicIntegerArray taken;
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
        this.taken = new AtomicIntegerArray(items);
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
            taken.incrementAndGet(next[0]);
            consumed.incrementAndGet();
            count++;
            context.checkpoint();
        }
    }

    @Override
    public Map<String, Object> observations() {
        long lost = 0;
        long duplicated = 0;
        for (int id = 0; id < items; id++) {
            int times = taken.get(id);
            if (times == 0) {
                lost++;
            } else {
                duplicated += times - 1;
            }
        }
        long elapsed = lastEnd.get() - firstStart.get();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("produced", produced.get());
        o.put("consumed", consumed.get());
        o.put("lost", lost);
        o.put("duplicated", duplicated);
        o.put("itemsPerSecond", elapsed > 0 ? Math.round(consumed.get() * 1e9 / elapsed) : 0);
        o.put("producerBlockedMillis", Math.round(producerBlockedNanos.get() / 1e3) / 1e3);
        o.put("peakDepth", peakDepth.get());
        o.put("capacity", capacity);
        return o;
    }
}
