package org.concurrencylab.stream;

/**
 * An event with its place in its topic's sequence, as it goes to a client: the one place the
 * id, name and data on the wire are derived.
 *
 * @param sequence grows with every event published on the topic while someone follows it (or
 *     while this node runs it), so a client sees the order and how many events came before
 */
public record NumberedEvent(long sequence, StreamEvent event) {

    /** The event's id on the wire. */
    public String id() {
        return Long.toString(sequence);
    }

    public String name() {
        return event.name();
    }

    public Object data() {
        return event.data();
    }

    boolean last() {
        return event.last();
    }
}
