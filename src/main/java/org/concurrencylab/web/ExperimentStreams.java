package org.concurrencylab.web;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.experiment.ExperimentEvent;
import org.concurrencylab.experiment.ExperimentService;
import org.concurrencylab.experiment.ExperimentStatus;
import org.concurrencylab.measure.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open live-progress streams of this node, per experiment, and the per-experiment event
 * sequence that numbers what they are sent.
 *
 * <p>Events arrive on the thread that changed the experiment (the experiment's own thread while
 * it runs); that thread only puts the event on each subscriber's queue. Each subscriber's queue is
 * written to its client by a virtual thread of its own, one event after another, so a slow or
 * dead client holds up nobody but itself, and a client that falls too far behind is dropped.
 *
 * <p>A subscriber is registered before the snapshot it starts with is read: whatever is stored
 * and published after the registration reaches it (held back until the snapshot is sent), and
 * whatever was published before is already in the snapshot. A snapshot in a final status ends the
 * stream, so a finish between registration and snapshot is not lost either.
 */
@Component
class ExperimentStreams implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentStreams.class);

    /** How long past the experiment's time limit a stream stays open at most. */
    static final Duration TIMEOUT_MARGIN = Duration.ofSeconds(30);

    private final ExperimentService experiments;
    private final int maxStreams;
    private final int maxBacklog;
    private final Duration retryAfter;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Set<Subscriber> all = ConcurrentHashMap.newKeySet();
    // Made in start(), ended in stop(): a lifecycle may be stopped and started again (Spring pauses
    // cached test contexts this way), and a stopped executor would refuse every new stream.
    private volatile ExecutorService writers;
    private volatile boolean running;

    ExperimentStreams(ExperimentService experiments,
            @Value("${lab.streams.max-open:1000}") int maxStreams,
            @Value("${lab.streams.max-backlog:1000}") int maxBacklog,
            @Value("${lab.streams.retry-after:10s}") Duration retryAfter) {
        this.experiments = experiments;
        this.maxStreams = maxStreams;
        this.maxBacklog = maxBacklog;
        this.retryAfter = retryAfter;
    }

    /** Thrown when this node already serves as many streams as it may. */
    static final class TooManyStreamsException extends RuntimeException {

        final Duration retryAfter;

        TooManyStreamsException(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }
    }

    int openStreams() {
        return open.get();
    }

    /**
     * Opens a stream on an experiment that exists: registers it, then sends the experiment as it
     * now stands, then everything that happens to it, and ends after its final status.
     */
    SseEmitter subscribe(String id) {
        Experiment existing = experiments.get(id); // 404 before any stream is opened
        if (!running) {
            throw new TooManyStreamsException("this node is shutting down; try again later", retryAfter);
        }
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            throw new TooManyStreamsException("this node already serves " + maxStreams
                    + " open event streams; try again later", retryAfter);
        }
        long timeout = Duration.ofSeconds(existing.spec().timeLimitSeconds()).plus(TIMEOUT_MARGIN).toMillis();
        Subscriber subscriber = new Subscriber(id, new SseEmitter(timeout));
        all.add(subscriber);
        subscriber.emitter.onCompletion(subscriber::closed);
        subscriber.emitter.onTimeout(() -> {
            subscriber.closed();
            subscriber.emitter.complete();
        });
        subscriber.emitter.onError(error -> subscriber.closed());
        try {
            long[] registeredAt = new long[1];
            channels.compute(id, (key, channel) -> {
                Channel c = channel == null ? new Channel() : channel;
                c.subscribers.add(subscriber);
                registeredAt[0] = c.sequence;
                return c;
            });
            Experiment snapshot = experiments.get(id);
            channels.compute(id, (key, channel) -> {
                subscriber.start(registeredAt[0], snapshot);
                return channel;
            });
        } catch (RuntimeException e) {
            subscriber.closed();
            throw e;
        }
        return subscriber.emitter;
    }

    @EventListener
    void onStarted(ExperimentEvent.Started started) {
        // This node runs it: number its events from now until it finishes, watched or not.
        channels.compute(started.id(), (key, channel) -> {
            Channel c = channel == null ? new Channel() : channel;
            c.runningHere = true;
            return c;
        });
        publishStatus(started.id(), false);
    }

    @EventListener
    void onRunFinished(ExperimentEvent.RunFinished finished) {
        RunResult run = finished.run();
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("done", finished.done());
        progress.put("total", finished.total());
        progress.put("warmup", run.warmup());
        progress.put("baseline", run.baseline());
        progress.put("model", run.model());
        progress.put("wallMillis", run.wallMillis());
        channels.computeIfPresent(finished.id(), (key, channel) -> {
            channel.send(new Outgoing("progress", progress, null));
            return channel;
        });
    }

    @EventListener
    void onFinished(ExperimentEvent.Finished finished) {
        publishStatus(finished.id(), true);
    }

    private void publishStatus(String id, boolean last) {
        Channel watched = channels.get(id);
        Experiment current = null;
        if (watched != null && !watched.subscribers.isEmpty()) {
            try {
                current = experiments.get(id);
            } catch (RuntimeException e) {
                LOG.warn("could not read experiment {} for its event streams: {}", id, e.toString());
            }
        }
        Experiment experiment = current;
        channels.computeIfPresent(id, (key, channel) -> {
            if (experiment != null) {
                channel.send(new Outgoing("status", ExperimentResponse.from(experiment), experiment.status()));
            }
            if (last) {
                channel.runningHere = false;
            }
            return channel.idle() ? null : channel;
        });
    }

    /** The per-experiment sequence and who listens; only touched inside {@code channels.compute}. */
    private static final class Channel {

        final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
        long sequence;
        boolean runningHere;

        void send(Outgoing event) {
            Outgoing numbered = event.withId(++sequence);
            for (Subscriber subscriber : subscribers) {
                subscriber.offer(numbered);
            }
        }

        boolean idle() {
            return subscribers.isEmpty() && !runningHere;
        }
    }

    private record Outgoing(String name, Object data, ExperimentStatus status, long id) {

        Outgoing(String name, Object data, ExperimentStatus status) {
            this(name, data, status, 0);
        }

        Outgoing withId(long id) {
            return new Outgoing(name, data, status, id);
        }

        boolean isFinal() {
            return status != null && status.isTerminal();
        }
    }

    private final class Subscriber {

        final String experimentId;
        final SseEmitter emitter;
        private final AtomicBoolean closed = new AtomicBoolean();
        /** Guarded by {@code this}. */
        private final Queue<Outgoing> queue = new ArrayDeque<>();
        /** Events that came before the snapshot was sent; null once it was. Guarded by {@code this}. */
        private List<Outgoing> held = new ArrayList<>();
        private boolean writing;
        private boolean ended;

        Subscriber(String experimentId, SseEmitter emitter) {
            this.experimentId = experimentId;
            this.emitter = emitter;
        }

        /** Sends the snapshot, then whatever came after the registration, unless it is already over. */
        synchronized void start(long sequence, Experiment snapshot) {
            enqueue(new Outgoing("status", ExperimentResponse.from(snapshot), snapshot.status(), sequence));
            if (!snapshot.status().isTerminal()) {
                for (Outgoing event : held) {
                    // A status change the snapshot already shows is not news.
                    if (event.status() == null || event.status() != snapshot.status()) {
                        enqueue(event);
                    }
                }
            }
            held = null;
            drain();
        }

        synchronized void offer(Outgoing event) {
            if (closed.get() || ended) {
                return;
            }
            if (held != null) {
                held.add(event);
                return;
            }
            if (queue.size() >= maxBacklog) {
                LOG.info("dropping a client of experiment {} that fell {} events behind", experimentId, maxBacklog);
                ended = true;
                queue.clear();
                writers.execute(() -> emitter.completeWithError(new IOException("client too slow")));
                return;
            }
            enqueue(event);
            drain();
        }

        private void enqueue(Outgoing event) {
            if (!ended) {
                queue.add(event);
                ended = event.isFinal();
            }
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
                Outgoing event;
                synchronized (this) {
                    event = queue.poll();
                    if (event == null || closed.get()) {
                        writing = false;
                        return;
                    }
                }
                try {
                    emitter.send(SseEmitter.event().id(Long.toString(event.id())).name(event.name())
                            .data(event.data(), MediaType.APPLICATION_JSON));
                    if (event.isFinal()) {
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
                channels.computeIfPresent(experimentId, (key, channel) -> {
                    channel.subscribers.remove(this);
                    return channel.idle() ? null : channel;
                });
            }
        }
    }

    @Override
    public void start() {
        writers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lab-sse-", 1).factory());
        running = true;
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
