package org.concurrencylab.stream;

import java.time.Duration;

/** The stream package's refusals, for tests in other packages (the web slices) that mock the streams. */
public final class StreamFailures {

    private StreamFailures() {}

    public static TooManyStreamsException atLimit(int maxOpen, Duration retryAfter) {
        return TooManyStreamsException.atLimit(maxOpen, retryAfter);
    }

    public static TooManyStreamsException shuttingDown(Duration retryAfter) {
        return TooManyStreamsException.shuttingDown(retryAfter);
    }
}
