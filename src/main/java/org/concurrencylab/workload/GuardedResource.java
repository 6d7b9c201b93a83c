package org.concurrencylab.workload;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.concurrencylab.core.TaskContext;

/**
 * The resource of the semaphore labs (sync.semaphore, sync.bounded): a {@link Semaphore} of
 * permits guarding it, and a count of the workers holding it now, whose maximum shows whether the
 * semaphore kept its promise. Each worker tries the permit without waiting first and waits in a
 * blocking section only when none is free.
 */
final class GuardedResource {

    private final Semaphore semaphore;
    private final AtomicInteger holders = new AtomicInteger();
    private final AtomicInteger peakHolders = new AtomicInteger();
    private final AtomicLong acquisitions = new AtomicLong();

    GuardedResource(int permits) {
        this.semaphore = new Semaphore(permits);
    }

    /** The semaphore itself, for its releases and its permits left. */
    Semaphore semaphore() {
        return semaphore;
    }

    /** Takes a permit, waiting for one in a blocking section only when none is free. */
    void acquire(TaskContext context) throws InterruptedException {
        if (!semaphore.tryAcquire()) {
            context.blocking(semaphore::acquire);
        }
        acquisitions.incrementAndGet();
    }

    /** Uses the resource for {@code holdMillis} under a permit already taken (a blocking section). */
    void hold(TaskContext context, long holdMillis) throws InterruptedException {
        try {
            peakHolders.accumulateAndGet(holders.incrementAndGet(), Math::max);
            context.blocking(() -> Thread.sleep(holdMillis));
        } finally {
            holders.decrementAndGet();
        }
    }

    int peakHolders() {
        return peakHolders.get();
    }

    long acquisitions() {
        return acquisitions.get();
    }
}
