package org.concurrencylab.stream;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A client that keeps what it is sent, and closes the way a Server-Sent Events response does. */
final class RecordingSink implements EventSink {

    private final List<NumberedEvent> sent = new CopyOnWriteArrayList<>();
    private final CountDownLatch unblocked;
    private volatile Runnable closed = () -> { };
    private volatile boolean completed;
    private volatile Throwable failure;

    RecordingSink() {
        this(new CountDownLatch(0));
    }

    /** A client that reads nothing until {@code unblocked} opens. */
    RecordingSink(CountDownLatch unblocked) {
        this.unblocked = unblocked;
    }

    @Override
    public void send(NumberedEvent event) {
        try {
            unblocked.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sent.add(event);
    }

    @Override
    public void complete() {
        // Closed first, as a finished response calls back before anyone sees it ended.
        closed.run();
        completed = true;
    }

    @Override
    public void fail(Throwable cause) {
        closed.run();
        failure = cause;
    }

    @Override
    public void onClosed(Runnable closed) {
        this.closed = closed;
    }

    /** The client goes away. */
    void disconnect() {
        closed.run();
    }

    List<NumberedEvent> sent() {
        return List.copyOf(sent);
    }

    /** What was sent, as {@code name:data}. */
    List<String> story() {
        return sent.stream().map(e -> e.name() + ":" + e.data()).toList();
    }

    boolean completed() {
        return completed;
    }

    Throwable failure() {
        return failure;
    }
}
