package org.concurrencylab.stream;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open stream: a queue of events for one client, written to its sink in order by one writer
 * task at a time, so a slow or dead client holds up nobody but itself. A client that falls
 * {@code maxBacklog} events behind is dropped.
 *
 * <p>Never call {@link #close()} while holding this object's lock: closing takes the channel's
 * lock, and publishing takes the channel's lock before this one.
 */
final class Subscriber {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriber.class);

    final Topic topic;
    final OwnerKey owner;
    private final EventSink sink;
    private final int maxBacklog;
    private final Executor writers;
    private final Consumer<Subscriber> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Guarded by {@code this}. */
    private final Queue<NumberedEvent> queue = new ArrayDeque<>();
    /** Events that came before the snapshot was sent; null once it was. Guarded by {@code this}. */
    private List<NumberedEvent> held = new ArrayList<>();
    /** The status this client was last told. Guarded by {@code this}. */
    private Enum<?> state;
    /** Guarded by {@code this}. */
    private boolean writing;
    /** Whether the final event is queued (or the client was dropped): nothing more goes out. Guarded by {@code this}. */
    private boolean ended;

    /**
     * @param onClose frees the stream's place and removes it from its channel; run once
     */
    Subscriber(Topic topic, OwnerKey owner, EventSink sink, int maxBacklog, Executor writers,
            Consumer<Subscriber> onClose) {
        this.topic = topic;
        this.owner = owner;
        this.sink = sink;
        this.maxBacklog = maxBacklog;
        this.writers = writers;
        this.onClose = onClose;
    }

    /** Sends the snapshot, then whatever came after the registration, unless it is already over. */
    synchronized void start(long sequence, StreamEvent.Status snapshot) {
        enqueue(new NumberedEvent(sequence, snapshot));
        for (NumberedEvent event : held) {
            enqueue(event);
        }
        held = null;
        drain();
    }

    /** Queues an event; called on the publishing thread, so it never waits for the client. */
    synchronized void offer(NumberedEvent event) {
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
            execute(() -> {
                close();
                sink.fail(new IOException("client too slow"));
            });
            return;
        }
        enqueue(event);
        drain();
    }

    private void enqueue(NumberedEvent numbered) {
        if (ended || repeatsState(numbered.event())) {
            return;
        }
        if (numbered.event() instanceof StreamEvent.Status status) {
            state = status.state();
        }
        queue.add(numbered);
        ended = numbered.last();
    }

    /** A status this client was already told is not news (a final one always is: it ends the stream). */
    private boolean repeatsState(StreamEvent event) {
        return event instanceof StreamEvent.Status status && !status.last() && Objects.equals(status.state(), state);
    }

    private void drain() {
        if (!writing && !queue.isEmpty()) {
            writing = true;
            if (!execute(this::write)) {
                writing = false;
            }
        }
    }

    private boolean execute(Runnable task) {
        try {
            writers.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            // The node is stopping and ends every stream itself; the publisher must not fail for it.
            return false;
        }
    }

    /** On a writer thread: writes queued events in order until none is left. */
    private void write() {
        while (true) {
            NumberedEvent next;
            synchronized (this) {
                next = queue.poll();
                if (next == null || closed.get()) {
                    writing = false;
                    return;
                }
            }
            try {
                sink.send(next);
                if (next.last()) {
                    sink.complete();
                }
            } catch (IOException | RuntimeException e) {
                // Gone or already completed: stop writing to it.
                close();
                sink.fail(e);
            }
        }
    }

    /** Leaves the channel and frees the stream's place, once. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
        }
    }

    /** Ends the stream from this side (the node is stopping). */
    void end() {
        close();
        try {
            sink.complete();
        } catch (RuntimeException e) {
            // already over
        }
    }
}
