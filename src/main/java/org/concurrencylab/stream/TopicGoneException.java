package org.concurrencylab.stream;

/**
 * What a topic's state reader throws when the topic no longer exists (it was deleted): its streams
 * end with a {@link StreamEvent.Deleted} event. The cause is the reader's own not-found answer.
 */
public class TopicGoneException extends RuntimeException {

    public TopicGoneException(RuntimeException notFound) {
        super(notFound.getMessage(), notFound);
    }

    /** The reader's own not-found exception, for a request that should answer as it would have. */
    public RuntimeException notFound() {
        return (RuntimeException) getCause();
    }
}
