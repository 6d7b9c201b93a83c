package org.concurrencylab.core;

import java.util.concurrent.CompletionStage;

/**
 * The cooperative form of a workload's tasks, as a coroutine: a workload whose tasks wait offers
 * it, so an event loop can run other tasks during the waits. The code before the first wait runs
 * when the task starts, each later step when the wait before it ends; all of it on the loop's
 * thread, where computing (or a blocking call) holds the loop and every other task waits.
 *
 * <p>A workload that implements this says so in its definition ({@code cooperative()}); CPU-bound
 * work needs no cooperative form: it runs to completion in one callback, as it would in asyncio.
 */
public interface Cooperative {

    /**
     * Starts task {@code taskIndex} and returns its checksum when its last step ends: the same
     * checksum {@link Workload#runTask} gives, so every model can be checked against the others.
     */
    CompletionStage<Long> start(int taskIndex, Loop loop) throws InterruptedException;
}
