package org.concurrencylab.experiment;

/** The request does not fit the experiment's current status, e.g. cancelling a finished one. */
public class ExperimentConflictException extends RuntimeException {

    private ExperimentConflictException(String message) {
        super(message);
    }

    public static ExperimentConflictException cannotCancel(String id, ExperimentStatus status) {
        return new ExperimentConflictException("experiment '" + id + "' is already " + status
                + "; only QUEUED or RUNNING experiments can be cancelled");
    }

    public static ExperimentConflictException noRunsToDraw(String id, ExperimentStatus status) {
        return new ExperimentConflictException("experiment '" + id + "' is " + status
                + " and no run completed, so there is no timeline to draw");
    }

    public static ExperimentConflictException noResultsYet(String id, ExperimentStatus status) {
        return new ExperimentConflictException("experiment '" + id + "' is " + status
                + " and has no results yet; its runs can be read once it has finished");
    }
}
