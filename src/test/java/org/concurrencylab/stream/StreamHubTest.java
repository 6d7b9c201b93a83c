package org.concurrencylab.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub without HTTP: what subscribers are sent, in which order, with which ids, and when they are refused. */
class StreamHubTest {

    private enum State { QUEUED, RUNNING, DONE }

    private static final Topic EXPERIMENT = new ExperimentTopic("e1");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private StreamHub hub = started(10, 100, Duration.ofHours(1));

    @AfterEach
    void stop() {
        if (hub.isRunning()) {
            hub.stop();
        }
    }

    private static StreamHub started(int maxOpen, int maxBacklog, Duration refreshInterval) {
        StreamHub hub = new StreamHub(new StreamsProperties(maxOpen, 10, maxBacklog, Duration.ofSeconds(7), refreshInterval));
        hub.start();
        return hub;
    }

    private static StreamEvent.Status status(State state) {
        return new StreamEvent.Status(state.name().toLowerCase(), state, state == State.DONE);
    }

    private RecordingSink subscribe(Topic topic, State now) {
        RecordingSink sink = new RecordingSink();
        hub.subscribe(topic, OwnerKey.ANONYMOUS, sink, () -> status(now));
        return sink;
    }

    @Test
    void aSubscriberGetsTheSnapshotThenEveryEventInOrderWithGrowingIdsAndTheStreamEndsAfterTheFinalStatus() {
        RecordingSink sink = subscribe(EXPERIMENT, State.RUNNING);
        hub.publish(EXPERIMENT, new StreamEvent.Progress("1"));
        hub.publish(EXPERIMENT, new StreamEvent.Progress("2"));
        hub.publish(EXPERIMENT, status(State.DONE));
        hub.publish(EXPERIMENT, new StreamEvent.Progress("after the end"));

        await().atMost(WAIT).until(sink::completed);
        assertThat(sink.story()).containsExactly("status:running", "progress:1", "progress:2", "status:done");
        assertThat(sink.sent()).extracting(NumberedEvent::id).containsExactly("0", "1", "2", "3");
        assertThat(hub.openStreams()).isZero();
        assertThat(hub.isWatched(EXPERIMENT)).isFalse();
    }

    @Test
    void aStatusTheClientWasAlreadyToldIsNotNewsButAFinalOneAlwaysIs() {
        RecordingSink sink = subscribe(EXPERIMENT, State.DONE);
        await().atMost(WAIT).until(sink::completed);
        assertThat(sink.story()).containsExactly("status:done");

        RecordingSink running = subscribe(EXPERIMENT, State.RUNNING);
        hub.publish(EXPERIMENT, status(State.RUNNING));
        hub.publish(EXPERIMENT, new StreamEvent.Progress("1"));
        hub.publish(EXPERIMENT, status(State.DONE));
        await().atMost(WAIT).until(running::completed);
        assertThat(running.story()).containsExactly("status:running", "progress:1", "status:done");
    }

    @Test
    void whatIsPublishedWhileTheSnapshotIsReadFollowsTheSnapshot() {
        RecordingSink sink = new RecordingSink();
        hub.subscribe(EXPERIMENT, OwnerKey.ANONYMOUS, sink, () -> {
            // Another thread publishes between registration and the snapshot's read.
            hub.publish(EXPERIMENT, new StreamEvent.Progress("during"));
            return status(State.RUNNING);
        });
        hub.publish(EXPERIMENT, status(State.DONE));

        await().atMost(WAIT).until(sink::completed);
        assertThat(sink.story()).containsExactly("status:running", "progress:during", "status:done");
        assertThat(sink.sent()).extracting(NumberedEvent::sequence).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aTopicThisNodeRunsIsNumberedWhileNobodyFollowsItSoTheFirstIdSaysHowManyCameBefore() {
        hub.keepNumbering(EXPERIMENT, true);
        hub.publish(EXPERIMENT, new StreamEvent.Progress("1"));
        hub.publish(EXPERIMENT, new StreamEvent.Progress("2"));

        RecordingSink sink = subscribe(EXPERIMENT, State.RUNNING);
        hub.publish(EXPERIMENT, status(State.DONE));
        hub.keepNumbering(EXPERIMENT, false);

        await().atMost(WAIT).until(sink::completed);
        assertThat(sink.sent()).extracting(NumberedEvent::sequence).containsExactly(2L, 3L);
    }

    @Test
    void streamsBeyondTheLimitAreRefusedWithRetryAfterUntilOneCloses() {
        hub.stop();
        hub = started(2, 100, Duration.ofHours(1));
        RecordingSink first = subscribe(EXPERIMENT, State.RUNNING);
        subscribe(new StudyTopic("s1"), State.RUNNING);

        assertThatThrownBy(() -> subscribe(EXPERIMENT, State.RUNNING))
                .isInstanceOfSatisfying(TooManyStreamsException.class, e -> {
                    assertThat(e).hasMessageContaining("2 open event streams");
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                });

        first.disconnect();
        assertThat(hub.openStreams()).isEqualTo(1);
        RecordingSink third = subscribe(EXPERIMENT, State.RUNNING);
        await().atMost(WAIT).until(() -> !third.sent().isEmpty());
    }

    @Test
    void aSnapshotThatCannotBeReadOpensNoStreamAndTakesNoPlace() {
        RecordingSink sink = new RecordingSink();
        assertThatThrownBy(() -> hub.subscribe(EXPERIMENT, OwnerKey.ANONYMOUS, sink, () -> {
            throw new IllegalStateException("gone");
        })).hasMessage("gone");

        assertThat(hub.openStreams()).isZero();
        assertThat(hub.isWatched(EXPERIMENT)).isFalse();
    }

    @Test
    void aClientThatFallsTooFarBehindIsDroppedAndHoldsUpNobodyElse() {
        hub.stop();
        hub = started(10, 3, Duration.ofHours(1));
        CountDownLatch neverReads = new CountDownLatch(1);
        RecordingSink slow = new RecordingSink(neverReads);
        hub.subscribe(EXPERIMENT, OwnerKey.ANONYMOUS, slow, () -> status(State.RUNNING));
        RecordingSink fast = subscribe(EXPERIMENT, State.RUNNING);

        // One at a time, each read by the fast client before the next: only the slow one falls behind.
        for (int i = 1; i <= 10; i++) {
            hub.publish(EXPERIMENT, new StreamEvent.Progress(i));
            int sent = i + 1;
            await().atMost(WAIT).until(() -> fast.sent().size() == sent);
        }

        await().atMost(WAIT).until(() -> slow.failure() != null);
        neverReads.countDown();
        assertThat(slow.failure()).hasMessageContaining("too slow");
        assertThat(fast.failure()).isNull();
        assertThat(hub.openStreams()).isEqualTo(1);
    }

    @Test
    void stoppingEndsEveryStreamAndRefusesNewOnesAndAStartedAgainHubServesAgain() {
        RecordingSink open = subscribe(EXPERIMENT, State.RUNNING);
        hub.stop();

        assertThat(open.completed()).isTrue();
        assertThat(hub.openStreams()).isZero();
        assertThatThrownBy(() -> subscribe(EXPERIMENT, State.RUNNING))
                .isInstanceOf(TooManyStreamsException.class).hasMessageContaining("shutting down");

        // Spring pauses cached test contexts by stopping and starting them again.
        hub.start();
        RecordingSink again = subscribe(EXPERIMENT, State.RUNNING);
        hub.publish(EXPERIMENT, status(State.DONE));
        await().atMost(WAIT).until(again::completed);
        assertThat(again.story()).containsExactly("status:running", "status:done");
    }

    @Test
    void aFollowedTopicThisNodeDoesNotRunIsReadAgainAndEndsWithItsFinalState() {
        hub.stop();
        hub = started(10, 100, Duration.ofMillis(20));
        AtomicReference<State> elsewhere = new AtomicReference<>(State.QUEUED);
        RecordingSink sink = new RecordingSink();
        hub.subscribe(EXPERIMENT, OwnerKey.ANONYMOUS, sink, () -> status(elsewhere.get()));

        elsewhere.set(State.RUNNING);
        await().atMost(WAIT).until(() -> sink.sent().size() == 2);
        elsewhere.set(State.DONE);
        await().atMost(WAIT).until(sink::completed);

        // Unchanged states read again are not news.
        assertThat(sink.story()).containsExactly("status:queued", "status:running", "status:done");
    }

    @Test
    void aTopicThisNodeRunsIsNotReadAgain() {
        hub.stop();
        hub = started(10, 100, Duration.ofMillis(20));
        hub.keepNumbering(EXPERIMENT, true);
        AtomicReference<State> stored = new AtomicReference<>(State.RUNNING);
        RecordingSink sink = new RecordingSink();
        hub.subscribe(EXPERIMENT, OwnerKey.ANONYMOUS, sink, () -> status(stored.get()));
        stored.set(State.DONE);

        // Its own events tell: the stored state is not sent before this node publishes it.
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> !sink.completed());
        hub.publish(EXPERIMENT, status(State.DONE));
        await().atMost(WAIT).until(sink::completed);
        assertThat(sink.story()).containsExactly("status:running", "status:done");
    }

    @Test
    void handedOffWorkRunsOffTheCallersThreadInTheOrderItWasHandedOver() {
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();
        IntStream.range(0, 50).forEach(i -> hub.handOff(() -> {
            if (Thread.currentThread() != caller) {
                ran.add(Integer.toString(i));
            }
        }));
        hub.handOff(() -> {
            throw new IllegalStateException("one failing piece of work stops nothing");
        });
        hub.handOff(() -> ran.add("last"));

        await().atMost(WAIT).until(() -> ran.size() == 51);
        assertThat(ran).containsExactlyElementsOf(
                IntStream.range(0, 51).mapToObj(i -> i < 50 ? Integer.toString(i) : "last").toList());
    }
}
