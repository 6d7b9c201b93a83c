package org.concurrencylab.workload;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sync.event}: task 0 is the setter, tasks 1..waiters wait for its event (Python's
 * {@code threading.Event}: a {@link CountDownLatch} of one, which once set stays set and releases
 * every waiter).
 *
 * <p>Shared: the event, a latch that tells the setter every waiter has arrived, the moment the
 * event was set, and each waiter's wake-up moment. The setter waits {@code delayMillis} after the
 * last waiter arrived so they are all really parked; the latency from set to each waiter running
 * again is what the lab reports. Each task returns 1, so the checksum is the number of workers.
 */
final class EventWorkload implements Workload {

    private final int waiters;
    private final long delayMillis;

    private final CountDownLatch arrived;
    private final CountDownLatch event = new CountDownLatch(1);
    // Written before event.countDown(), read after event.await(): the latch orders them.
    private long setNanos;
    // Each waiter writes its own slot; read once every task ended. Negative: never woke.
    private final long[] wakeupNanos;

    EventWorkload(int waiters, long delayMillis) {
        this.waiters = waiters;
        this.delayMillis = delayMillis;
        this.arrived = new CountDownLatch(waiters);
        this.wakeupNanos = new long[waiters];
        Arrays.fill(wakeupNanos, -1);
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        if (taskIndex == 0) {
            context.blocking(() -> {
                arrived.await();
                Thread.sleep(delayMillis);
            });
            setNanos = System.nanoTime();
            event.countDown();
        } else {
            arrived.countDown();
            context.blocking(event::await);
            wakeupNanos[taskIndex - 1] = System.nanoTime() - setNanos;
        }
        return 1;
    }

    @Override
    public Map<String, Object> observations() {
        long[] micros = Arrays.stream(wakeupNanos).filter(n -> n >= 0).map(n -> n / 1_000).toArray();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("waiters", waiters);
        o.put("wokenWaiters", micros.length);
        o.put("wakeupMicrosP50", LatencyHistogram.percentile(micros, 50));
        o.put("wakeupMicrosMax", LatencyHistogram.percentile(micros, 100));
        return o;
    }
}
