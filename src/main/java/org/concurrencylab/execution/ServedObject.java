package org.concurrencylab.execution;

import org.concurrencylab.core.Observations;
import org.concurrencylab.workload.ManagerWorkload;
import org.concurrencylab.workload.ProcessQueueWorkload;
import org.concurrencylab.workload.ServerLink;

/**
 * An object the server holds for one PROCESSES run and its workers reach by messages while their
 * chunks run (the calls a task makes through its {@link ServerLink}): ipc.manager's counter,
 * ipc.queue's queue. The pipe thread that owns a worker's pipes serves that worker's calls
 * ({@link WorkerSession#runChunk}), so calls from different workers arrive on different threads.
 * Like {@link PipeExchange}, the object makes the observations only the server can (a final value,
 * what the queue saw), added to what the workers observed before the definition derives the rest.
 */
interface ServedObject extends AutoCloseable {

    /** ipc.manager: adds 1 to the counter and returns its new value. */
    default long increment() {
        throw new UnsupportedOperationException("this run holds no managed counter");
    }

    /** ipc.queue: puts an item. */
    default void put(long id, byte[] payload) {
        throw new UnsupportedOperationException("this run holds no queue");
    }

    /** ipc.queue: the next item, waiting for one; null once every item has been handed out. */
    default ServerLink.Item take() throws InterruptedException {
        throw new UnsupportedOperationException("this run holds no queue");
    }

    /** What only the server saw, once every worker is done; rates over the run's wall time. */
    Observations observations(long wallNanos);

    /** Stops what the object runs (a consumer thread); called however the run ends. */
    @Override
    default void close() {}

    /** The object a run of {@code plan} serves, or null when its workers call nothing. */
    static ServedObject forPlan(RunPlan plan) {
        if (plan.workload() == ManagerWorkload.DEFINITION) {
            return new ManagedCounter();
        }
        if (plan.workload() == ProcessQueueWorkload.DEFINITION) {
            return new ServedQueue(plan.params());
        }
        return null;
    }
}
