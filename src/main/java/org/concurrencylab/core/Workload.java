package org.concurrencylab.core;

/**
 * One configured workload for one run: a function from a task index to that task's checksum,
 * plus whatever state the run's tasks share (a counter, a queue, a temp folder). Made fresh for
 * each run and closed after it, also when the run fails or is cancelled.
 */
public interface Workload extends AutoCloseable {

    /**
     * Runs task {@code taskIndex} and returns its checksum. For independent-task workloads the
     * checksum depends only on the params and the index, so every model must produce the same sum;
     * it also keeps the JIT from discarding the work.
     */
    long runTask(int taskIndex, TaskContext context) throws InterruptedException;

    /**
     * What the run's tasks showed beyond time (lost updates, peak holders, queue depth...), read
     * once every task has finished. Each is declared in the workload's definition, whose names are
     * part of the API.
     */
    default Observations observations() {
        return Observations.NONE;
    }

    /** Releases what the run held (temp files, sockets); must not throw. */
    @Override
    default void close() {}
}
