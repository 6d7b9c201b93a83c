package org.concurrencylab.execution;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.workload.ProcessQueueWorkload;
import org.concurrencylab.workload.ServerLink;
import org.concurrencylab.workload.TakeCounts;

/**
 * ipc.queue's queue, held by the server: unbounded, as a {@code multiprocessing.Queue} without a
 * maxsize. Producers' PUTs arrive on their pipe threads; consumer workers' GETs are answered on
 * theirs, or, with no consumer workers, a server thread ({@code lab-queue-consumer}) drains it.
 * Every item is handed out once every item has been put and the queue is empty, the end
 * marker; a count per id of how often it was taken shows loss and duplication.
 */
final class ServedQueue implements ServedObject {

    // A consumer looks again for the end this often while the queue is empty.
    private static final long POLL_MILLIS = 10;
    // The producers are done when observations are asked for: draining what is left is quick.
    private static final Duration DRAIN_BOUND = Duration.ofSeconds(30);

    private final int items;
    private final int payloadBytes;
    private final BlockingQueue<ServerLink.Item> queue = new LinkedBlockingQueue<>();
    private final TakeCounts taken;
    private final LongAdder produced = new LongAdder();
    private final LongAdder consumed = new LongAdder();
    private final AtomicLong peakDepth = new AtomicLong();
    private final Thread serverConsumer;

    ServedQueue(ParamValues params) {
        this.items = Math.toIntExact(params.get(ProcessQueueWorkload.ITEMS));
        this.payloadBytes = Math.toIntExact(params.get(ProcessQueueWorkload.PAYLOAD_BYTES));
        this.taken = new TakeCounts(items);
        this.serverConsumer = params.get(ProcessQueueWorkload.CONSUMERS) == 0
                ? Thread.ofPlatform().name("lab-queue-consumer").start(this::drain)
                : null;
    }

    @Override
    public void put(long id, byte[] payload) {
        if (id < 0 || id >= items) {
            // Not an item of this run (a worker the server never sent would make one): never queued,
            // so it can end the run neither early nor late, and shows as an item lost.
            return;
        }
        queue.add(new ServerLink.Item(id, payload));
        produced.increment();
        peakDepth.accumulateAndGet(queue.size(), Math::max);
    }

    @Override
    public ServerLink.Item take() throws InterruptedException {
        while (true) {
            ServerLink.Item item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (item != null) {
                taken.taken((int) item.id());
                consumed.increment();
                return item;
            }
            if (produced.sum() >= items && queue.isEmpty()) {
                return null;
            }
        }
    }

    /** The server as the consumer: takes until the end marker. */
    private void drain() {
        try {
            while (take() != null) {
                // Taking is the consumption: counted in take().
            }
        } catch (InterruptedException e) {
            // The run is ending.
        }
    }

    @Override
    public Observations observations(long wallNanos) {
        if (serverConsumer != null) {
            try {
                serverConsumer.join(DRAIN_BOUND);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long done = consumed.sum();
        double seconds = wallNanos / 1e9;
        return Observations.builder()
                .put(ProcessQueueWorkload.PRODUCED, produced.sum())
                .put(ProcessQueueWorkload.CONSUMED, done)
                .put(ProcessQueueWorkload.LOST, taken.lost())
                .put(ProcessQueueWorkload.DUPLICATED, taken.duplicated())
                .put(ProcessQueueWorkload.ITEMS_PER_SECOND, wallNanos > 0 ? Math.round(done / seconds) : 0L)
                .put(ProcessQueueWorkload.BYTES_PER_SECOND,
                        wallNanos > 0 ? Math.round(done * (double) payloadBytes / seconds) : 0L)
                .put(ProcessQueueWorkload.PEAK_DEPTH, peakDepth.get())
                .build();
    }

    @Override
    public void close() {
        if (serverConsumer != null) {
            serverConsumer.interrupt();
            try {
                serverConsumer.join(DRAIN_BOUND);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
