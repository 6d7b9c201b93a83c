package org.concurrencylab.experiment;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim loop, on its own thread: while this node has room it claims the next queued
 * experiment (a {@code T}: what a claim gives) and hands it on; otherwise it waits for a {@link WakeUp} or, for work queued through
 * other nodes, the poll interval.
 */
final class QueuePoller<T> {

    private static final Logger LOG = LoggerFactory.getLogger(QueuePoller.class);

    private final Supplier<Optional<T>> claimNext;
    private final BooleanSupplier hasRoom;
    private final Consumer<T> launch;
    private final WakeUp wakeUp;
    private final Duration pollInterval;
    private volatile boolean running;
    private Thread loop;

    /**
     * @param claimNext claims the next queued experiment for this node, if there is one
     * @param hasRoom whether this node may start one more experiment now
     * @param launch starts a claimed experiment; it must not block
     */
    QueuePoller(Supplier<Optional<T>> claimNext, BooleanSupplier hasRoom, Consumer<T> launch,
            WakeUp wakeUp, Duration pollInterval) {
        this.claimNext = claimNext;
        this.hasRoom = hasRoom;
        this.launch = launch;
        this.wakeUp = wakeUp;
        this.pollInterval = pollInterval;
    }

    void start() {
        running = true;
        loop = Thread.ofPlatform().name("lab-dispatcher").start(this::poll);
    }

    /** Asks the loop to end: it takes no further turn, though a claim already under way completes. */
    void stop() {
        running = false;
        loop.interrupt();
    }

    /** Waits up to {@code timeout} for the loop's thread to end; true if it has. */
    boolean join(Duration timeout) throws InterruptedException {
        return loop.join(timeout);
    }

    private void poll() {
        while (running) {
            try {
                if (hasRoom.getAsBoolean()) {
                    Optional<T> claimed = claimNext.get();
                    if (claimed.isPresent()) {
                        launch.accept(claimed.get());
                        continue;
                    }
                }
                wakeUp.await(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database may be briefly unreachable; keep the loop alive and try again later.
                LOG.warn("could not take work from the queue: {}", e.toString());
                try {
                    wakeUp.await(pollInterval);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
