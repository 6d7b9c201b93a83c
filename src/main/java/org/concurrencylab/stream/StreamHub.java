package org.concurrencylab.stream;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The open event streams of this node, per topic, under one limit on open streams
 * ({@code lab.streams.max-open}).
 *
 * <p>A subscriber is registered before the snapshot it starts with is read: whatever is published
 * after the registration reaches it (held back until the snapshot is sent), and whatever was
 * published before is already in the snapshot. A final status ends the stream, so a finish between
 * registration and snapshot is not lost either.
 *
 * <p>Listeners of application events hand what they publish to {@link #handOff}, so that reading
 * the state to publish never holds up the thread that published the application event, and a
 * topic's events are still published in the order they happened.
 */
@Component
public class StreamHub implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);

    private final StreamsProperties properties;
    private final Admission admission;
    private final Channels channels = new Channels();
    private final Refresher refresher;
    private final Set<Subscriber> open = ConcurrentHashMap.newKeySet();
    // Made in start(), ended in stop(): a lifecycle may be stopped and started again (Spring pauses
    // cached test contexts this way), and a stopped executor would refuse every new stream.
    private volatile ExecutorService writers;
    private volatile ExecutorService handOffs;
    private volatile boolean running;

    StreamHub(StreamsProperties properties) {
        this.properties = properties;
        this.admission = new Admission(properties.maxOpen(), properties.maxOpenPerUser(), properties.retryAfter());
        this.refresher = new Refresher(channels, properties.refreshInterval());
    }

    /**
     * Opens a stream on {@code topic} for {@code owner}: registers it, then sends {@code snapshot}
     * (read after registering), then everything published on the topic, and ends after a final
     * status. If reading the snapshot fails, the stream is closed and the failure thrown.
     *
     * @throws TooManyStreamsException when this node serves as many streams as it may, or is stopping
     */
    public void subscribe(Topic topic, OwnerKey owner, EventSink sink, Supplier<StreamEvent.Status> snapshot) {
        if (!running) {
            throw TooManyStreamsException.shuttingDown(properties.retryAfter());
        }
        admission.admit(owner);
        Subscriber subscriber = new Subscriber(topic, owner, sink, properties.maxBacklog(), writers, this::closed);
        open.add(subscriber);
        sink.onClosed(subscriber::close);
        try {
            long registeredAt = channels.register(subscriber, snapshot);
            channels.start(subscriber, registeredAt, snapshot.get());
        } catch (RuntimeException e) {
            subscriber.close();
            throw e;
        }
    }

    private void closed(Subscriber subscriber) {
        admission.release(subscriber.owner);
        open.remove(subscriber);
        channels.remove(subscriber);
    }

    /** Numbers the event and queues it for every subscriber of the topic; never waits for a client. */
    public void publish(Topic topic, StreamEvent event) {
        channels.publish(topic, event);
    }

    /**
     * Keeps numbering a topic's events while nobody follows it, so that ids keep growing across
     * subscribers, and leaves it out of refreshing: this node runs it. Off again when it is over.
     */
    public void keepNumbering(Topic topic, boolean keep) {
        channels.keepNumbering(topic, keep);
    }

    public boolean isWatched(Topic topic) {
        return channels.isWatched(topic);
    }

    /** Whether someone follows any topic of this kind (so that listeners can skip looking up which). */
    public boolean watchesAny(Class<? extends Topic> kind) {
        return channels.watchesAny(kind);
    }

    /**
     * Runs {@code work} (reading a state, publishing it) on this node's one hand-off thread, after
     * all work handed off before it, so events keep their order. Dropped while the node is stopped.
     */
    public void handOff(Runnable work) {
        ExecutorService executor = handOffs;
        if (executor == null) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warn("publishing to event streams failed: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("event streams are stopped; not publishing");
        }
    }

    int openStreams() {
        return admission.open();
    }

    @Override
    public void start() {
        writers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lab-sse-", 1).factory());
        handOffs = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("lab-sse-publish").factory());
        refresher.start();
        running = true;
    }

    /** Ends every open stream before the web server waits for requests to finish. */
    @Override
    public void stop() {
        running = false;
        for (Subscriber subscriber : List.copyOf(open)) {
            subscriber.end();
        }
        refresher.stop();
        shutDown(handOffs);
        writers.shutdown();
    }

    private static void shutDown(ExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
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
