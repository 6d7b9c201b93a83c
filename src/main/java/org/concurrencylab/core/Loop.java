package org.concurrencylab.core;

import java.util.concurrent.CompletionStage;

/**
 * What an event loop lends a task's cooperative form: ways to wait that hand the loop's one thread
 * back to the loop, as {@code await} does in a coroutine. Every stage it returns completes on the
 * loop's thread, so the code a task chains after it runs there too, one callback at a time, and
 * needs no locks.
 */
public interface Loop {

    /** Completes {@code millis} from now, like {@code await asyncio.sleep(seconds)}. */
    CompletionStage<Void> after(long millis);

    /**
     * Resumes on the loop once {@code outside} completes on another thread (a non-blocking client's
     * reply), like awaiting a future that a transport resolves.
     */
    <T> CompletionStage<T> resume(CompletionStage<T> outside);
}
