package org.concurrencylab.web;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import org.concurrencylab.security.CurrentUser;
import org.concurrencylab.stream.EventSink;
import org.concurrencylab.stream.NumberedEvent;
import org.concurrencylab.stream.OwnerKey;
import org.concurrencylab.stream.StreamEvent;
import org.concurrencylab.stream.StreamHub;
import org.concurrencylab.stream.Topic;
import org.concurrencylab.stream.TopicGoneException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A stream of the hub as a Server-Sent Events response: the one place a stream meets HTTP. */
final class SseEventSink implements EventSink {

    private final SseEmitter emitter;

    private SseEventSink(SseEmitter emitter) {
        this.emitter = emitter;
    }

    /**
     * Opens a stream on {@code topic} that the server ends after {@code timeout} at most.
     *
     * @throws org.concurrencylab.stream.TooManyStreamsException (429) when this node, or this user, has as many
     *     open streams as it may
     */
    static SseEmitter subscribe(StreamHub hub, Topic topic, Duration timeout, Supplier<StreamEvent.Status> snapshot) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        // Called on the request's thread, where the signed-in user is known: its streams count against its limit.
        OwnerKey owner = CurrentUser.ofThisThread().map(user -> new OwnerKey(user.id())).orElse(OwnerKey.ANONYMOUS);
        try {
            hub.subscribe(topic, owner, new SseEventSink(emitter), snapshot);
        } catch (TopicGoneException e) {
            // Deleted between the request's check and its first snapshot: answered as if it never was.
            throw e.notFound();
        }
        return emitter;
    }

    @Override
    public void send(NumberedEvent event) throws IOException {
        emitter.send(SseEmitter.event().id(event.id()).name(event.name()).data(event.data(), MediaType.APPLICATION_JSON));
    }

    @Override
    public void complete() {
        emitter.complete();
    }

    @Override
    public void fail(Throwable cause) {
        emitter.completeWithError(cause);
    }

    @Override
    public void onClosed(Runnable closed) {
        emitter.onCompletion(closed);
        emitter.onTimeout(() -> {
            closed.run();
            emitter.complete();
        });
        emitter.onError(error -> closed.run());
    }
}
