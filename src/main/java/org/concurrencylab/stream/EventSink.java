package org.concurrencylab.stream;

import java.io.IOException;

/**
 * Where one subscriber's events go: a client connection, which the web layer adapts (a
 * Server-Sent Events response). Called from that subscriber's writer thread only, one call at a
 * time.
 */
public interface EventSink {

    /** Sends one event; throws when the client is gone. */
    void send(NumberedEvent event) throws IOException;

    /** Ends the stream normally. */
    void complete();

    /** Ends the stream because of {@code cause} (a client too slow, a broken connection). */
    void fail(Throwable cause);

    /**
     * Registers what to call once the stream is over, whoever ended it (the client going away,
     * a timeout, {@link #complete()}); called before the subscriber is registered.
     */
    void onClosed(Runnable closed);
}
