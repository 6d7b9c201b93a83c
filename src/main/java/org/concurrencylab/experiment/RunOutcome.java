package org.concurrencylab.experiment;

import org.concurrencylab.execution.ExecutionFailedException;
import org.concurrencylab.experiment.RunningExperiment.StopReason;

/** How one run of an experiment ended: the status to store and, unless it succeeded, why. */
record RunOutcome(ExperimentStatus status, String reason) {

    static final RunOutcome SUCCEEDED = new RunOutcome(ExperimentStatus.SUCCEEDED, null);

    /** Stopped through an interrupt; one nobody asked for came from the node shutting down. */
    static RunOutcome stopped(StopReason stop, int timeLimitSeconds) {
        StopReason why = stop != null ? stop : StopReason.SHUTDOWN;
        return new RunOutcome(why.status, switch (why) {
            case CANCELLED -> "cancelled by request while running";
            case TIMED_OUT -> "time limit of " + timeLimitSeconds + " s reached";
            case SHUTDOWN -> "interrupted: the server shut down while this experiment was running";
            case LEASE_LOST -> "lease lost: another node recorded this node's lease as lapsed";
        });
    }

    /** The engine refused or lost the work, with a message meant for the user. */
    static RunOutcome failed(ExecutionFailedException e) {
        return new RunOutcome(ExperimentStatus.FAILED, e.getMessage());
    }

    /** A bug of the lab's: the user gets no internals, the log gets the stack trace. */
    static RunOutcome internalError() {
        return new RunOutcome(ExperimentStatus.FAILED,
                "the lab hit an internal error while running this experiment; the server log has the details");
    }

    boolean complete() {
        return status == ExperimentStatus.SUCCEEDED;
    }
}
