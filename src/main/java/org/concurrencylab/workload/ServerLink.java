package org.concurrencylab.workload;

/**
 * What a worker JVM's task may ask of the server while its chunk runs, for the labs whose shared
 * object lives in the server: the managed counter of {@code ipc.manager} (a proxy's calls, as
 * {@code multiprocessing.Manager}) and the queue of {@code ipc.queue} ({@code multiprocessing.Queue},
 * whose items cross the pipes). The worker implements it over its pipe; each call is a message.
 */
public interface ServerLink {

    /** Adds 1 to the counter the server holds and returns its new value: one round trip. */
    long increment();

    /** Puts item {@code id} into the server's queue; returns at once, as Queue.put does. */
    void put(long id, byte[] payload);

    /** The next item from the server's queue, or null once every item has been handed out. */
    Item get();

    /** One item of the server's queue. */
    record Item(long id, byte[] payload) {}

    /** A workload whose tasks talk to the server: the worker connects it after building it. */
    interface User {
        void connect(ServerLink link);
    }
}
