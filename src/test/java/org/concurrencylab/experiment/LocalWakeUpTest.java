package org.concurrencylab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class LocalWakeUpTest {

    private static final Duration LONG = Duration.ofHours(1);

    private final LocalWakeUp wakeUp = new LocalWakeUp();

    @Test
    void aSignalEndsAWaitUnderWay() {
        CompletableFuture<Void> waiting = awaitInBackground(LONG);

        wakeUp.signal();

        assertThat(waiting).succeedsWithin(Duration.ofSeconds(10));
    }

    @Test
    void aSignalGivenBeforeTheWaitIsNotLost() throws Exception {
        wakeUp.signal();

        assertThat(awaitInBackground(LONG)).succeedsWithin(Duration.ofSeconds(10));
    }

    @Test
    void signalsDoNotQueueUpSoTheWaitAfterTheirsWaitsItsTime() throws Exception {
        wakeUp.signal();
        wakeUp.signal();
        wakeUp.await(LONG);

        long start = System.nanoTime();
        wakeUp.await(Duration.ofMillis(50));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    private CompletableFuture<Void> awaitInBackground(Duration timeout) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Executors.newVirtualThreadPerTaskExecutor().execute(() -> {
            try {
                wakeUp.await(timeout);
                done.complete(null);
            } catch (InterruptedException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }
}
