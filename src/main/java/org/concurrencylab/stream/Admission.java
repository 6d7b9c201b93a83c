package org.concurrencylab.stream;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open streams against {@code lab.streams.max-open}. Every stream is admitted and released
 * with its owner, so that a per-owner limit ({@code lab.streams.max-open-per-user}) is one more
 * count here and nothing changes for callers.
 */
final class Admission {

    private final int maxOpen;
    private final Duration retryAfter;
    private final AtomicInteger open = new AtomicInteger();

    Admission(int maxOpen, Duration retryAfter) {
        this.maxOpen = maxOpen;
        this.retryAfter = retryAfter;
    }

    /** Takes a place for one more stream of {@code owner}, or refuses. */
    void admit(OwnerKey owner) {
        if (open.incrementAndGet() > maxOpen) {
            open.decrementAndGet();
            throw TooManyStreamsException.atLimit(maxOpen, retryAfter);
        }
    }

    /** Frees a place taken by {@link #admit}; called once per admitted stream. */
    void release(OwnerKey owner) {
        open.decrementAndGet();
    }

    int open() {
        return open.get();
    }
}
