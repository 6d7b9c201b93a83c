package org.concurrencylab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.execution.ExecutionProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A waiter reads the experiment from a stand-in for the shared store: this node's finish event
 * wakes it at once, and a finish by another node, which sends no event here, is read there.
 */
class FinishWaitersTest {

    private static final String ID = "e-1";
    private static final Duration LONG = Duration.ofHours(1);

    private final AtomicReference<ExperimentStatus> stored = new AtomicReference<>(ExperimentStatus.RUNNING);
    private final AtomicInteger reads = new AtomicInteger();
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopRequests() {
        requests.shutdownNow();
    }

    @Test
    void aFinishOnThisNodeWakesTheWaiterAtOnce() {
        // Rereads far apart: only the event can end the wait within the test.
        FinishWaiters waiters = rereadingEvery(LONG);
        CompletableFuture<Experiment> answer = waitInBackground(waiters, LONG);
        await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() == 1);

        stored.set(ExperimentStatus.SUCCEEDED);
        waiters.onFinished(new ExperimentEvent.Finished(ID, ExecutionModel.THREADS, "io.sleep",
                ExperimentStatus.SUCCEEDED, Duration.ofSeconds(1)));

        assertThat(answer).succeedsWithin(Duration.ofSeconds(10))
                .extracting(Experiment::status).isEqualTo(ExperimentStatus.SUCCEEDED);
        assertThat(waiters.waitedFor()).isZero();
    }

    @Test
    void aFinishOnAnotherNodeIsReadFromTheStore() {
        FinishWaiters waiters = rereadingEvery(Duration.ofMillis(20));
        CompletableFuture<Experiment> answer = waitInBackground(waiters, LONG);
        await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() >= 1);

        // No event: the node that ran it published it there.
        stored.set(ExperimentStatus.CANCELLED);

        assertThat(answer).succeedsWithin(Duration.ofSeconds(10))
                .extracting(Experiment::status).isEqualTo(ExperimentStatus.CANCELLED);
        assertThat(waiters.waitedFor()).isZero();
    }

    @Test
    void aWaiterOutOfTimeAnswersWithTheExperimentAsItStandsAndLeavesNothingBehind() throws Exception {
        FinishWaiters waiters = rereadingEvery(Duration.ofMillis(20));

        Experiment answer = waiters.await(ID, Duration.ofMillis(100), this::read);

        assertThat(answer.status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(waiters.waitedFor()).isZero();
    }

    @Test
    void aFinishedExperimentIsAnsweredWithoutWaiting() throws Exception {
        stored.set(ExperimentStatus.FAILED);

        Experiment answer = rereadingEvery(LONG).await(ID, LONG, this::read);

        assertThat(answer.status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(reads).hasValue(1);
    }

    @Test
    void everyRequestWaitingForTheExperimentIsWokenByItsFinish() {
        FinishWaiters waiters = rereadingEvery(LONG);
        CompletableFuture<Experiment> first = waitInBackground(waiters, LONG);
        CompletableFuture<Experiment> second = waitInBackground(waiters, LONG);
        await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() == 2);

        stored.set(ExperimentStatus.TIMED_OUT);
        waiters.onFinished(new ExperimentEvent.Finished(ID, ExecutionModel.THREADS, "io.sleep",
                ExperimentStatus.TIMED_OUT, Duration.ofSeconds(1)));

        assertThat(first).succeedsWithin(Duration.ofSeconds(10));
        assertThat(second).succeedsWithin(Duration.ofSeconds(10));
        assertThat(waiters.waitedFor()).isZero();
    }

    private FinishWaiters rereadingEvery(Duration pollInterval) {
        return new FinishWaiters(new ExecutionProperties(1, pollInterval, Duration.ofSeconds(5), Duration.ofSeconds(30),
                "test-node", Duration.ofSeconds(2), null));
    }

    private CompletableFuture<Experiment> waitInBackground(FinishWaiters waiters, Duration timeout) {
        CompletableFuture<Experiment> answer = new CompletableFuture<>();
        requests.execute(() -> {
            try {
                answer.complete(waiters.await(ID, timeout, this::read));
            } catch (InterruptedException | RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    private Experiment read(String id) {
        reads.incrementAndGet();
        return new Experiment(id, null, stored.get(), null, Instant.EPOCH, Instant.EPOCH, null, "elsewhere", null, null, false);
    }
}
