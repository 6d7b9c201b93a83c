package org.concurrencylab.worker;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.concurrencylab.workload.ServerLink;

/**
 * The worker's end of {@link ServerLink}: a task thread's call is a frame on stdout, and its answer
 * arrives on stdin, which only the worker's main thread reads; the main thread hands each answer
 * over here ({@link #answered}). A task thread has at most one call in flight, so answers arrive in
 * the order of the calls. That hand-over between two threads is part of what a call costs, as a
 * Manager's proxy and server each have a thread of their own.
 */
final class ServerCalls implements ServerLink {

    private final DataOutputStream out;
    private final BlockingQueue<Frame> answers = new LinkedBlockingQueue<>();

    ServerCalls(DataOutputStream out) {
        this.out = out;
    }

    /** An answer from the server (INCREMENTED or ITEM), read by the main thread. */
    void answered(Frame answer) {
        answers.add(answer);
    }

    @Override
    public long increment() {
        send(new Frame.Increment());
        return ((Frame.Incremented) await()).value();
    }

    @Override
    public void put(long id, byte[] payload) {
        send(new Frame.Put(id, payload));
    }

    @Override
    public Item get() {
        send(new Frame.Get());
        Frame.Item item = (Frame.Item) await();
        return item.id() == Frame.Item.END ? null : new Item(item.id(), item.payload());
    }

    private void send(Frame frame) {
        try {
            Frames.send(out, frame);
        } catch (IOException e) {
            throw new UncheckedIOException("the server no longer hears this worker", e);
        }
    }

    private Frame await() {
        try {
            return answers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server's answer", e);
        }
    }
}
