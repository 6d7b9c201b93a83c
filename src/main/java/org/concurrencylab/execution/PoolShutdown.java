package org.concurrencylab.execution;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one way the lab stops a run's executor. */
final class PoolShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(PoolShutdown.class);
    private static final long GRACE_SECONDS = 5;

    private PoolShutdown() {}

    /**
     * Interrupts whatever still runs and waits a grace period for the threads to end. A run's pool
     * is only stopped once its tasks are done or must stop (cancel, time limit, failure), so there
     * is no point in a gentle {@code shutdown} first. If the caller is interrupted while waiting,
     * its interrupt flag is restored.
     */
    public static void stop(ExecutorService executor, String name) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("{} threads did not stop within {} s of an interrupt", name, GRACE_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
