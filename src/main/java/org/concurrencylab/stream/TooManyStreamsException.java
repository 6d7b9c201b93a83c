package org.concurrencylab.stream;

import java.time.Duration;

/** Thrown when this node already serves as many streams as it may, or is shutting down. */
public final class TooManyStreamsException extends RuntimeException {

    private final Duration retryAfter;

    TooManyStreamsException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    static TooManyStreamsException atLimit(int maxOpen, Duration retryAfter) {
        return new TooManyStreamsException(
                "this node already serves " + maxOpen + " open event streams; try again later", retryAfter);
    }

    static TooManyStreamsException atOwnerLimit(int maxOpenPerOwner, Duration retryAfter) {
        return new TooManyStreamsException("you already have " + maxOpenPerOwner
                + " open event streams (lab.streams.max-open-per-user); close one or try again later", retryAfter);
    }

    static TooManyStreamsException shuttingDown(Duration retryAfter) {
        return new TooManyStreamsException("this node is shutting down; try again later", retryAfter);
    }

    /** How long a client should wait before it tries again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
