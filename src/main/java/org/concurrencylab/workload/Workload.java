package org.concurrencylab.workload;

/** One configured workload: a pure function from a task index to that task's checksum. */
public interface Workload {

    /**
     * Runs task {@code taskIndex} and returns its checksum. The checksum depends only on the
     * workload's params and the index, so every model must produce the same sum; it also keeps the
     * JIT from discarding the work.
     */
    long runTask(int taskIndex, TaskContext context) throws InterruptedException;
}
