package org.concurrencylab.workload;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * How often each item of a queue lab (sync.queue, ipc.queue) was taken, by id, so that loss (never
 * taken) and duplication (taken again) are measured, not assumed. Thread-safe.
 */
public final class TakeCounts {

    private final AtomicIntegerArray taken;

    /** For the ids {@code 0 .. items - 1}. */
    public TakeCounts(int items) {
        this.taken = new AtomicIntegerArray(items);
    }

    public void taken(int id) {
        taken.incrementAndGet(id);
    }

    /** Items never taken. */
    public long lost() {
        long lost = 0;
        for (int id = 0; id < taken.length(); id++) {
            if (taken.get(id) == 0) {
                lost++;
            }
        }
        return lost;
    }

    /** Takes of items already taken. */
    public long duplicated() {
        long duplicated = 0;
        for (int id = 0; id < taken.length(); id++) {
            duplicated += Math.max(0, taken.get(id) - 1);
        }
        return duplicated;
    }
}
