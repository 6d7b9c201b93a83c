package org.concurrencylab.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The topics someone follows (or this node runs), each with its subscribers and the sequence that
 * numbers its events. A channel is only touched inside {@code compute} on its topic, so numbering
 * an event and handing it to every subscriber is one step: two events on a topic reach every
 * subscriber in the same order, with growing numbers.
 */
final class Channels {

    private final Map<Topic, Channel> byTopic = new ConcurrentHashMap<>();

    /**
     * Registers a subscriber before its snapshot is read, and remembers how to read the topic
     * again; returns the sequence number its snapshot gets. Whatever is published from now on is
     * held for it until {@link #start} sends the snapshot.
     */
    long register(Subscriber subscriber, Supplier<StreamEvent.Status> current) {
        long[] registeredAt = new long[1];
        byTopic.compute(subscriber.topic, (topic, channel) -> {
            Channel c = channel == null ? new Channel() : channel;
            c.subscribers.add(subscriber);
            c.current = current;
            registeredAt[0] = c.sequence;
            return c;
        });
        return registeredAt[0];
    }

    /** Sends a registered subscriber its snapshot, then what was published since it registered. */
    void start(Subscriber subscriber, long registeredAt, StreamEvent.Status snapshot) {
        byTopic.compute(subscriber.topic, (topic, channel) -> {
            subscriber.start(registeredAt, snapshot);
            return channel;
        });
    }

    void remove(Subscriber subscriber) {
        byTopic.computeIfPresent(subscriber.topic, (topic, channel) -> {
            channel.subscribers.remove(subscriber);
            return channel.idle() ? null : channel;
        });
    }

    void keepNumbering(Topic topic, boolean keep) {
        byTopic.compute(topic, (key, channel) -> {
            Channel c = channel == null ? new Channel() : channel;
            c.numberedWhileUnwatched = keep;
            return c.idle() ? null : c;
        });
    }

    void publish(Topic topic, StreamEvent event) {
        byTopic.computeIfPresent(topic, (key, channel) -> {
            channel.send(event);
            return channel;
        });
    }

    boolean isWatched(Topic topic) {
        Channel channel = byTopic.get(topic);
        return channel != null && !channel.subscribers.isEmpty();
    }

    boolean watchesAny(Class<? extends Topic> kind) {
        for (Map.Entry<Topic, Channel> entry : byTopic.entrySet()) {
            if (kind.isInstance(entry.getKey()) && !entry.getValue().subscribers.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** A followed topic this node does not run, as it stood when {@link #dueForRefresh()} looked. */
    record Due(Topic topic, long sequence, Supplier<StreamEvent.Status> current) {}

    /** The followed topics whose events this node does not publish itself, to be read again. */
    List<Due> dueForRefresh() {
        List<Due> due = new ArrayList<>();
        for (Topic topic : List.copyOf(byTopic.keySet())) {
            byTopic.computeIfPresent(topic, (key, channel) -> {
                if (!channel.subscribers.isEmpty() && !channel.numberedWhileUnwatched && channel.current != null) {
                    due.add(new Due(topic, channel.sequence, channel.current));
                }
                return channel;
            });
        }
        return due;
    }

    /**
     * Sends a topic's state read again by the refresher, unless an event was published on the
     * topic while it was read (the read may be older than that event; the next round reads again).
     */
    void refreshed(Due due, StreamEvent.Status now) {
        byTopic.computeIfPresent(due.topic(), (key, channel) -> {
            if (channel.sequence != due.sequence() || channel.numberedWhileUnwatched) {
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

    /** The topic no longer exists: its subscribers get the {@link StreamEvent.Deleted} event, and their streams end. */
    void gone(Topic topic) {
        byTopic.computeIfPresent(topic, (key, channel) -> {
            channel.send(StreamEvent.Deleted.of(topic));
            return channel;
        });
    }

    private static final class Channel {

        final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
        long sequence;
        /** Whether this node runs the topic: its events are numbered while nobody follows it, and it is not refreshed. */
        boolean numberedWhileUnwatched;
        /** Reads the topic's state as it stands, for the refresher. */
        Supplier<StreamEvent.Status> current;
        /** Whether the last refresh read a final state and held it back. */
        boolean refreshSawLast;

        void send(StreamEvent event) {
            NumberedEvent numbered = new NumberedEvent(++sequence, event);
            for (Subscriber subscriber : subscribers) {
                subscriber.offer(numbered);
            }
        }

        boolean idle() {
            return subscribers.isEmpty() && !numberedWhileUnwatched;
        }
    }
}
