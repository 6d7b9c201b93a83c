package org.concurrencylab.stream;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open streams against {@code lab.streams.max-open}, and per owner against
 * {@code lab.streams.max-open-per-user}, so one user cannot take every place on the node.
 */
final class Admission {

    private final int maxOpen;
    private final int maxOpenPerOwner;
    private final Duration retryAfter;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<OwnerKey, Integer> perOwner = new ConcurrentHashMap<>();

    Admission(int maxOpen, int maxOpenPerOwner, Duration retryAfter) {
        this.maxOpen = maxOpen;
        this.maxOpenPerOwner = maxOpenPerOwner;
        this.retryAfter = retryAfter;
    }

    /** Takes a place for one more stream of {@code owner}, or refuses. */
    void admit(OwnerKey owner) {
        // Counted per owner first, atomically per key, so two streams of one owner cannot both slip under its limit.
        boolean[] refused = {false};
        perOwner.compute(owner, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxOpenPerOwner) {
                refused[0] = true;
                return count;
            }
            return now + 1;
        });
        if (refused[0]) {
            throw TooManyStreamsException.atOwnerLimit(maxOpenPerOwner, retryAfter);
        }
        if (open.incrementAndGet() > maxOpen) {
            open.decrementAndGet();
            releaseOwner(owner);
            throw TooManyStreamsException.atLimit(maxOpen, retryAfter);
        }
    }

    /** Frees a place taken by {@link #admit}; called once per admitted stream. */
    void release(OwnerKey owner) {
        open.decrementAndGet();
        releaseOwner(owner);
    }

    private void releaseOwner(OwnerKey owner) {
        perOwner.computeIfPresent(owner, (key, count) -> count <= 1 ? null : count - 1);
    }

    int open() {
        return open.get();
    }
}
