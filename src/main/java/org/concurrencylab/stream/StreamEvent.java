package org.concurrencylab.stream;

import java.util.Objects;

/**
 * One event on a topic, as sent: its kind decides the name clients see ({@link #name()}, here and
 * nowhere else), {@code data} is the JSON body.
 */
public sealed interface StreamEvent {

    /** The JSON body. */
    Object data();

    /** The event's name on the wire. */
    default String name() {
        return switch (this) {
            case Status status -> "status";
            case Progress progress -> "progress";
            case Repetition repetition -> "repetition";
            case Deleted deleted -> "deleted";
        };
    }

    /** Whether the stream ends after it: a final status, or the topic's deletion. */
    default boolean last() {
        return switch (this) {
            case Status status -> status.last();
            case Progress progress -> false;
            case Repetition repetition -> false;
            case Deleted deleted -> true;
        };
    }

    /**
     * What the topic now is: the snapshot a stream starts with, a change of status, or the final
     * status after which the stream ends. A status a subscriber was already told is not news and
     * is not sent to it again, unless it is final.
     *
     * @param state the status the data shows (compared with the last one a subscriber saw)
     * @param last whether the topic is over: the stream ends after it
     */
    record Status(Object data, Enum<?> state, boolean last) implements StreamEvent {

        public Status {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(state, "state");
        }
    }

    /** News that changes no status: how far the topic got (an experiment's repetition, a study's cell). */
    record Progress(Object data) implements StreamEvent {

        public Progress {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * The topic was deleted (an experiment or a study removed by its owner or the retention rules):
     * the last event of its streams. Its data names the topic: {@code {"id": ..., "deleted": true}}.
     */
    record Deleted(Object data) implements StreamEvent {

        public static Deleted of(Topic topic) {
            return new Deleted(java.util.Map.of("id", topic.id(), "deleted", true));
        }
    }

    /** A repetition of one of a study's cells finished: finer-grained progress than {@link Progress}. */
    record Repetition(Object data) implements StreamEvent {

        public Repetition {
            Objects.requireNonNull(data, "data");
        }
    }
}
