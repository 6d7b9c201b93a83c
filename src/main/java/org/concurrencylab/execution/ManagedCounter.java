package org.concurrencylab.execution;

import org.concurrencylab.core.Observations;
import org.concurrencylab.workload.ManagerWorkload;

/**
 * ipc.manager's counter, held by the server as a Manager's server process holds a registered
 * object: each call is applied whole under the object's lock, whichever pipe thread serves it,
 * so nothing is lost however the workers' calls interleave.
 */
final class ManagedCounter implements ServedObject {

    // Guarded by this.
    private long value;

    @Override
    public synchronized long increment() {
        return ++value;
    }

    @Override
    public synchronized Observations observations(long wallNanos) {
        return Observations.builder().put(ManagerWorkload.OBSERVED, value).build();
    }
}
