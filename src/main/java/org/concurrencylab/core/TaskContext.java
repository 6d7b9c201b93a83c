package org.concurrencylab.core;

/**
 * What a model lends to workload code while a task runs. Outside an emulated GIL both calls are
 * no-ops the JIT inlines away, so workloads may call them in their hottest loops.
 */
public interface TaskContext {

    /** A context for models that add nothing around workload code. */
    TaskContext DIRECT = new TaskContext() {};

    /** Called inside CPU loops: a point where a global-interpreter-lock model may switch threads. */
    default void checkpoint() {}

    /** Runs a blocking section (sleep, file or network IO) that a GIL model releases its lock around. */
    default void blocking(BlockingSection section) throws InterruptedException {
        section.run();
    }

    @FunctionalInterface
    interface BlockingSection {
        void run() throws InterruptedException;
    }
}
