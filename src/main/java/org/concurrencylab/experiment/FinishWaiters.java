package org.concurrencylab.experiment;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.concurrencylab.execution.ExecutionProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Requests waiting for an experiment to end ({@code ?waitSeconds}, a cancel). An experiment this
 * node finishes wakes them at once through its event; one that another node runs sends no event
 * here, so a waiter also reads the stored status again every {@code lab.execution.poll-interval},
 * the pace at which this node looks at the shared queue anyway.
 */
@Component
class FinishWaiters {

    /** Shared by the requests waiting for one experiment; the last to leave removes it. */
    private static final class Waiter {
        final CompletableFuture<Void> finished = new CompletableFuture<>();
        // Changed only inside the map's compute functions, which run one at a time per id.
        int waiting;
    }

    private final Map<String, Waiter> waiters = new ConcurrentHashMap<>();
    private final Duration recheck;

    FinishWaiters(ExecutionProperties properties) {
        this.recheck = properties.pollInterval();
    }

    /**
     * Waits up to {@code timeout} for the experiment to reach a terminal status, reading it with
     * {@code read}; returns it as it then is.
     */
    Experiment await(String id, Duration timeout, Function<String, Experiment> read) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Waiter waiter = waiters.compute(id, (key, shared) -> {
            Waiter joined = shared != null ? shared : new Waiter();
            joined.waiting++;
            return joined;
        });
        try {
            // Registered first, read second: a finish between the two cannot be missed.
            Experiment current = read.apply(id);
            while (!current.status().isTerminal()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return current;
                }
                try {
                    waiter.finished.get(Math.min(left, recheck.toNanos()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // No word from this node; another may have finished it, which only the store tells.
                }
                current = read.apply(id);
            }
            return current;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a finish waiter is only ever completed normally", e);
        } finally {
            waiters.computeIfPresent(id, (key, shared) -> shared == waiter && --shared.waiting == 0 ? null : shared);
        }
    }

    /** Currently waited-for experiments; none once every waiter has returned. */
    int waitedFor() {
        return waiters.size();
    }

    @EventListener
    void onFinished(ExperimentEvent.Finished finished) {
        Waiter waiter = waiters.remove(finished.id());
        if (waiter != null) {
            waiter.finished.complete(null);
        }
    }
}
