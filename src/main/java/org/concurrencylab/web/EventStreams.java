package org.concurrencylab.web;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open Server-Sent Event streams of this node, per topic (an experiment, a study), and the
 * per-topic sequence that numbers the events they are sent. Experiment and study streams share
 * it, and with it one limit on open streams.
 *
 * <p>Events are published on the thread that changed the topic (an experiment's own thread while
 * it runs); that thread only puts the event on each subscriber's queue. Each subscriber's queue is
 * written to its client by a virtual thread of its own, one event after another, so a slow or
 * dead client holds up nobody but itself, and a client that falls too far behind is dropped.
 *
 * <p>A subscriber is registered before the snapshot it starts with is read: whatever is published
 * after the registration reaches it (held back until the snapshot is sent), and whatever was
 * published before is already in the snapshot. A final snapshot ends the stream, so a finish
 * between registration and snapshot is not lost either.
 *
 * <p>Only the node that runs an experiment sees its events. A followed topic that this node does
 * not drive (an experiment another node claimed, a study with cells elsewhere) has its snapshot
 * read again every {@code lab.streams.refresh-interval}: a changed state is sent, an unchanged one
 * is not news, and a final one ends the stream (once it has been final for a round, so that this
 * node's own last events come first), so a stream on any node ends when the run does.
 */
@Component
class EventStreams implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);

    private final int maxStreams;
    private final int maxBacklog;
    private final Duration retryAfter;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Set<Subscriber> all = ConcurrentHashMap.newKeySet();
    // Made in start(), ended in stop(): a lifecycle may be stopped and started again (Spring pauses
    // cached test contexts this way), and a stopped executor would refuse every new stream.
    private volatile ExecutorService writers;
    private volatile ScheduledExecutorService refresher;
    private volatile boolean running;
    private final Duration refreshInterval;

    EventStreams(@Value("${lab.streams.max-open:1000}") int maxStreams,
            @Value("${lab.streams.max-backlog:1000}") int maxBacklog,
            @Value("${lab.streams.retry-after:10s}") Duration retryAfter,
            @Value("${lab.streams.refresh-interval:1s}") Duration refreshInterval) {
        this.maxStreams = maxStreams;
        this.maxBacklog = maxBacklog;
        this.retryAfter = retryAfter;
        if (refreshInterval.isNegative() || refreshInterval.toMillis() == 0) {
            throw new IllegalArgumentException(
                    "lab.streams.refresh-interval must be at least 1ms, was " + refreshInterval);
        }
        this.refreshInterval = refreshInterval;
    }

    /** Thrown when this node already serves as many streams as it may, or is shutting down. */
    static final class TooManyStreamsException extends RuntimeException {

        final Duration retryAfter;

        TooManyStreamsException(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }
    }

    /**
     * One event on a topic.
     *
     * @param state what the event says the topic's state now is (a status), or null for news that
     *     changes no state (progress); an event repeating the state a subscriber last saw is not news
     * @param last whether the topic is over: the stream ends after it
     */
    record Event(String name, Object data, Object state, boolean last) {

        static Event progress(Object data) {
            return new Event("progress", data, null, false);
        }

        static Event status(Object data, Object state, boolean last) {
            return new Event("status", data, state, last);
        }
    }

    int openStreams() {
        return open.get();
    }

    /** The topics someone follows right now. */
    Set<String> watched() {
        Set<String> watched = new java.util.HashSet<>();
        channels.forEach((topic, channel) -> {
            if (!channel.subscribers.isEmpty()) {
                watched.add(topic);
            }
        });
        return watched;
    }

    boolean isWatched(String topic) {
        Channel channel = channels.get(topic);
        return channel != null && !channel.subscribers.isEmpty();
    }

    /**
     * Opens a stream: registers it, then sends {@code snapshot} (read after registering), then
     * everything published on the topic, and ends after a last event.
     */
    SseEmitter subscribe(String topic, Duration timeout, Supplier<Event> snapshot) {
        if (!running) {
            throw new TooManyStreamsException("this node is shutting down; try again later", retryAfter);
        }
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            throw new TooManyStreamsException("this node already serves " + maxStreams
                    + " open event streams; try again later", retryAfter);
        }
        Subscriber subscriber = new Subscriber(topic, new SseEmitter(timeout.toMillis()));
        all.add(subscriber);
        subscriber.emitter.onCompletion(subscriber::closed);
        subscriber.emitter.onTimeout(() -> {
            subscriber.closed();
            subscriber.emitter.complete();
        });
        subscriber.emitter.onError(error -> subscriber.closed());
        try {
            long[] registeredAt = new long[1];
            channels.compute(topic, (key, channel) -> {
                Channel c = channel == null ? new Channel() : channel;
                c.subscribers.add(subscriber);
                c.current = snapshot;
                registeredAt[0] = c.sequence;
                return c;
            });
            Event first = snapshot.get();
            channels.compute(topic, (key, channel) -> {
                subscriber.start(registeredAt[0], first);
                return channel;
            });
        } catch (RuntimeException e) {
            subscriber.closed();
            throw e;
        }
        return subscriber.emitter;
    }

    /**
     * Keeps numbering a topic's events while nobody follows it, so that ids keep growing across
     * subscribers (an experiment running on this node); off again when it is over.
     */
    void keepNumbering(String topic, boolean keep) {
        channels.compute(topic, (key, channel) -> {
            Channel c = channel == null ? new Channel() : channel;
            c.numberedWhileUnwatched = keep;
            return c.idle() ? null : c;
        });
    }

    /** Numbers the event and queues it for every subscriber of the topic; never blocks on a client. */
    void publish(String topic, Event event) {
        channels.computeIfPresent(topic, (key, channel) -> {
            channel.send(event);
            return channel;
        });
    }

    /**
     * Sends every followed topic that this node does not drive its snapshot again. A snapshot read
     * while an event was published on the topic may be older than that event, so it is dropped;
     * the next round reads again.
     */
    void refresh() {
        record Due(long sequence, Supplier<Event> current) {}
        for (String topic : List.copyOf(channels.keySet())) {
            Due[] due = new Due[1];
            channels.computeIfPresent(topic, (key, channel) -> {
                if (!channel.subscribers.isEmpty() && !channel.numberedWhileUnwatched && channel.current != null) {
                    due[0] = new Due(channel.sequence, channel.current);
                }
                return channel;
            });
            if (due[0] == null) {
                continue;
            }
            Event now;
            try {
                now = due[0].current().get();
            } catch (RuntimeException e) {
                LOG.debug("could not read {} again for its event streams: {}", topic, e.toString());
                continue;
            }
            channels.computeIfPresent(topic, (key, channel) -> {
                if (channel.sequence != due[0].sequence() || channel.numberedWhileUnwatched) {
                    channel.refreshSawLast = false;
                } else if (now.last() && !channel.refreshSawLast) {
                    // Final, but this node may be about to publish its own last events (a study's
                    // last cell ran here): those go first, and this is sent a round later if not.
                    channel.refreshSawLast = true;
                } else {
                    channel.send(now);
                }
                return channel;
            });
        }
    }

    /** The per-topic sequence and who listens; only touched inside {@code channels.compute}. */
    private static final class Channel {

        final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
        long sequence;
        boolean numberedWhileUnwatched;
        /** Reads the topic's state as it stands, for {@link #refresh()}. */
        Supplier<Event> current;
        /** Whether the last refresh read a final state and held it back. */
        boolean refreshSawLast;

        void send(Event event) {
            Numbered numbered = new Numbered(++sequence, event);
            for (Subscriber subscriber : subscribers) {
                subscriber.offer(numbered);
            }
        }

        boolean idle() {
            return subscribers.isEmpty() && !numberedWhileUnwatched;
        }
    }

    private record Numbered(long id, Event event) {}

    private final class Subscriber {

        final String topic;
        final SseEmitter emitter;
        private final AtomicBoolean closed = new AtomicBoolean();
        /** Guarded by {@code this}. */
        private final Queue<Numbered> queue = new ArrayDeque<>();
        /** Events that came before the snapshot was sent; null once it was. Guarded by {@code this}. */
        private List<Numbered> held = new ArrayList<>();
        /** The state this client was last told. Guarded by {@code this}. */
        private Object state;
        private boolean writing;
        private boolean ended;

        Subscriber(String topic, SseEmitter emitter) {
            this.topic = topic;
            this.emitter = emitter;
        }

        /** Sends the snapshot, then whatever came after the registration, unless it is already over. */
        synchronized void start(long sequence, Event snapshot) {
            enqueue(new Numbered(sequence, snapshot));
            for (Numbered event : held) {
                enqueue(event);
            }
            held = null;
            drain();
        }

        synchronized void offer(Numbered event) {
            if (closed.get() || ended) {
                return;
            }
            if (held != null) {
                held.add(event);
                return;
            }
            if (queue.size() >= maxBacklog) {
                LOG.info("dropping a client of {} that fell {} events behind", topic, maxBacklog);
                ended = true;
                queue.clear();
                writers.execute(() -> emitter.completeWithError(new IOException("client too slow")));
                return;
            }
            enqueue(event);
            drain();
        }

        private void enqueue(Numbered numbered) {
            Event event = numbered.event();
            if (ended || (event.state() != null && !event.last() && Objects.equals(event.state(), state))) {
                // Over already, or a state this client was already told: not news.
                return;
            }
            if (event.state() != null) {
                state = event.state();
            }
            queue.add(numbered);
            ended = event.last();
        }

        private void drain() {
            if (!writing && !queue.isEmpty()) {
                writing = true;
                writers.execute(this::write);
            }
        }

        /** On its own virtual thread: writes queued events in order until none is left. */
        private void write() {
            while (true) {
                Numbered next;
                synchronized (this) {
                    next = queue.poll();
                    if (next == null || closed.get()) {
                        writing = false;
                        return;
                    }
                }
                Event event = next.event();
                try {
                    emitter.send(SseEmitter.event().id(Long.toString(next.id())).name(event.name())
                            .data(event.data(), MediaType.APPLICATION_JSON));
                    if (event.last()) {
                        emitter.complete();
                    }
                } catch (IOException | IllegalStateException e) {
                    // Gone or already completed: stop writing to it.
                    closed();
                    emitter.completeWithError(e);
                }
            }
        }

        /** Leaves the channel and frees its place, once. */
        void closed() {
            if (closed.compareAndSet(false, true)) {
                open.decrementAndGet();
                all.remove(this);
                channels.computeIfPresent(topic, (key, channel) -> {
                    channel.subscribers.remove(this);
                    return channel.idle() ? null : channel;
                });
            }
        }
    }

    @Override
    public void start() {
        writers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lab-sse-", 1).factory());
        refresher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lab-sse-refresh").factory());
        refresher.scheduleWithFixedDelay(this::refreshQuietly, refreshInterval.toMillis(), refreshInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        running = true;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; the next round may well succeed.
            LOG.warn("refreshing event streams failed: {}", e.toString());
        }
    }

    /** Ends every open stream before the web server waits for requests to finish. */
    @Override
    public void stop() {
        running = false;
        for (Subscriber subscriber : List.copyOf(all)) {
            subscriber.closed();
            try {
                subscriber.emitter.complete();
            } catch (RuntimeException e) {
                // already over
            }
        }
        writers.shutdown();
        refresher.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the graceful shutdown of the web server, which would otherwise wait for open streams. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
