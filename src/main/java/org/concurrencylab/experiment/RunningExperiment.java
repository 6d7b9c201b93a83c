package org.concurrencylab.experiment;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * An experiment this node is running, the lease it runs it under (and when that was last renewed),
 * and the one way to stop it: interrupting the thread that runs it. The thread is bound while the
 * engine works and unbound before the final status is written, so a late cancel can never
 * interrupt a database write.
 */
final class RunningExperiment {

    /** Why a run was stopped before it finished, and the status that records it. */
    enum StopReason {
        CANCELLED(ExperimentStatus.CANCELLED),
        TIMED_OUT(ExperimentStatus.TIMED_OUT),
        SHUTDOWN(ExperimentStatus.FAILED),
        /** Another node recorded this node's lease as lapsed: whatever this run writes now changes nothing. */
        LEASE_LOST(ExperimentStatus.FAILED);

        final ExperimentStatus status;

        StopReason(ExperimentStatus status) {
            this.status = status;
        }
    }

    final Experiment experiment;
    final Lease lease;
    private volatile Instant renewedAt;
    private Thread thread;
    private StopReason stopReason;
    private ScheduledFuture<?> timeLimit;

    RunningExperiment(Claim claim) {
        this.experiment = claim.experiment();
        this.lease = claim.lease();
        this.renewedAt = claim.experiment().startedAt();
    }

    /** When the database last confirmed the lease: the claim, then each heartbeat that renewed it. */
    Instant renewedAt() {
        return renewedAt;
    }

    void renewed(Instant at) {
        renewedAt = at;
    }

    String id() {
        return experiment.id();
    }

    synchronized void bind(Thread runner) {
        thread = runner;
        if (stopReason != null) {
            runner.interrupt();
        }
    }

    synchronized void unbind() {
        thread = null;
    }

    /** Requests a stop; the first reason wins. Returns false if it was already stopping. */
    synchronized boolean stop(StopReason reason) {
        if (stopReason != null) {
            return false;
        }
        stopReason = reason;
        if (thread != null) {
            thread.interrupt();
        }
        return true;
    }

    synchronized StopReason stopReason() {
        return stopReason;
    }

    synchronized void timeLimit(ScheduledFuture<?> future) {
        timeLimit = future;
    }

    synchronized void cancelTimeLimit() {
        if (timeLimit != null) {
            timeLimit.cancel(false);
        }
    }
}
