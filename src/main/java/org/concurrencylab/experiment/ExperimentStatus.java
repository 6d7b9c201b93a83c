package org.concurrencylab.experiment;

/** Where an experiment is in its life. The allowed moves live here and nowhere else. */
public enum ExperimentStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    TIMED_OUT;

    public boolean isTerminal() {
        return switch (this) {
            case QUEUED, RUNNING -> false;
            case SUCCEEDED, FAILED, CANCELLED, TIMED_OUT -> true;
        };
    }

    public boolean canMoveTo(ExperimentStatus next) {
        return switch (this) {
            case QUEUED -> next == RUNNING || next == CANCELLED;
            case RUNNING -> next == SUCCEEDED || next == FAILED || next == CANCELLED || next == TIMED_OUT;
            case SUCCEEDED, FAILED, CANCELLED, TIMED_OUT -> false;
        };
    }

    /** Guards a move, naming the current state when it is not allowed. */
    public void checkMoveTo(ExperimentStatus next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("an experiment that is " + this + " cannot become " + next);
        }
    }
}
