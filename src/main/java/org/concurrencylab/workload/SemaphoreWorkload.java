package org.concurrencylab.workload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code sync.semaphore}: every task is a worker that uses a resource {@code uses} times, holding
 * it for {@code holdMillis} each time (a blocking section, as a call over a pooled connection).
 *
 * <p>Shared: a {@link Semaphore} of {@code permits} guarding the resource, and a count of the
 * workers inside it right now, whose maximum ({@code peakHolders}) shows the semaphore's promise
 * being kept. Each task returns its number of uses, so the checksum is workers times uses.
 */
final class SemaphoreWorkload implements Workload {

    private final int permits;
    private final long uses;
    private final long holdMillis;

    private final Semaphore semaphore;
    private final AtomicInteger holders = new AtomicInteger();
    private final AtomicInteger peakHolders = new AtomicInteger();
    private final AtomicLong waitNanos = new AtomicLong();
    private final AtomicLong acquisitions = new AtomicLong();

    SemaphoreWorkload(int permits, long uses, long holdMillis) {
        this.permits = permits;
        this.uses = uses;
        this.holdMillis = holdMillis;
        this.semaphore = new Semaphore(permits);
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        for (long use = 0; use < uses; use++) {
            long start = System.nanoTime();
            if (!semaphore.tryAcquire()) {
                context.blocking(semaphore::acquire);
            }
            waitNanos.addAndGet(System.nanoTime() - start);
            acquisitions.incrementAndGet();
            try {
                peakHolders.accumulateAndGet(holders.incrementAndGet(), Math::max);
                context.blocking(() -> Thread.sleep(holdMillis));
            } finally {
                holders.decrementAndGet();
                semaphore.release();
            }
        }
        return uses;
    }

    @Override
    public Map<String, Object> observations() {
        long n = acquisitions.get();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("permits", permits);
        o.put("peakHolders", peakHolders.get());
        o.put("acquisitions", n);
        o.put("waitMillisTotal", Math.round(waitNanos.get() / 1e3) / 1e3);
        o.put("waitMillisMean", n == 0 ? 0.0 : Math.round(waitNanos.get() / (double) n / 1e3) / 1e3);
        return o;
    }
}
