package org.concurrencylab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueuePollerTest {

    /** Longer than any test: only a wake-up can end a wait. */
    private static final Duration NEVER = Duration.ofHours(1);

    private final Queue<Experiment> queue = new ConcurrentLinkedQueue<>();
    private final List<Experiment> launched = new CopyOnWriteArrayList<>();
    private final AtomicInteger claims = new AtomicInteger();
    private final AtomicBoolean room = new AtomicBoolean(true);
    private final WakeUp wakeUp = new LocalWakeUp();
    private QueuePoller<Experiment> poller;

    @AfterEach
    void stop() throws InterruptedException {
        if (poller != null) {
            poller.stop();
            poller.join(Duration.ofSeconds(10));
        }
    }

    @Test
    void aWakeUpStartsWorkQueuedAfterTheLastLookWithoutWaitingForThePoll() {
        poller = started(this::claim, NEVER);
        await().atMost(Duration.ofSeconds(10)).until(() -> claims.get() >= 1);

        Experiment submitted = queued("submitted");
        wakeUp.signal();

        await().atMost(Duration.ofSeconds(10)).until(() -> launched.contains(submitted));
    }

    @Test
    void theLoopClaimsUntilTheQueueIsEmpty() {
        List<Experiment> work = List.of(queued("a"), queued("b"), queued("c"));

        poller = started(this::claim, NEVER);

        await().atMost(Duration.ofSeconds(10)).until(() -> launched.equals(work));
    }

    @Test
    void aNodeWithoutRoomClaimsNothing() {
        room.set(false);
        queued("waiting");

        poller = started(this::claim, Duration.ofMillis(10));
        wakeUp.signal();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> claims.get() == 0);
        room.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> launched.size() == 1);
    }

    @Test
    void aClaimThatFailsLeavesTheLoopAliveToTryAgain() {
        Experiment experiment = queued("after the outage");
        AtomicBoolean databaseDown = new AtomicBoolean(true);

        poller = started(() -> {
            if (databaseDown.getAndSet(false)) {
                claims.incrementAndGet();
                throw new IllegalStateException("connection refused");
            }
            return claim();
        }, Duration.ofMillis(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> launched.contains(experiment));
    }

    @Test
    void stopEndsTheLoopEvenInTheMiddleOfAWait() throws InterruptedException {
        poller = started(this::claim, NEVER);
        await().atMost(Duration.ofSeconds(10)).until(() -> claims.get() >= 1);

        poller.stop();

        assertThat(poller.join(Duration.ofSeconds(10))).isTrue();
    }

    private QueuePoller<Experiment> started(Supplier<Optional<Experiment>> claimNext, Duration pollInterval) {
        QueuePoller<Experiment> started = new QueuePoller<>(claimNext, room::get, launched::add, wakeUp, pollInterval);
        started.start();
        return started;
    }

    private Optional<Experiment> claim() {
        claims.incrementAndGet();
        return Optional.ofNullable(queue.poll());
    }

    private Experiment queued(String id) {
        Experiment experiment = new Experiment(id, null, ExperimentStatus.QUEUED, null, Instant.now(), null, null, null,
                null, null, false);
        queue.add(experiment);
        return experiment;
    }
}
