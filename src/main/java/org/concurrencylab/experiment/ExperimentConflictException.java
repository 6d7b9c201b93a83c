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

    /** A cell goes with its study: the study's table, fits and chart are made of its cells. */
    public static ExperimentConflictException cellOfStudy(String id, String studyId) {
        return new ExperimentConflictException("experiment '" + id + "' is a cell of study '" + studyId
                + "', whose table and fits are made of its cells; delete the study instead (DELETE /api/v1/studies/"
                + studyId + "), which removes its cells with it");
    }

    /** Asked to stop, but still running on its node when the wait for it ran out. */
    public static ExperimentConflictException stillStopping(String id, ExperimentStatus status) {
        return new ExperimentConflictException("experiment '" + id + "' is still " + status + ": it was asked to "
                + "stop but has not yet; delete it again in a few seconds");
    }

    /** Finished before a single measured run did: nothing to export. */
    public static ExperimentConflictException noMeasuredRuns(String id, ExperimentStatus status) {
        return new ExperimentConflictException("experiment '" + id + "' is " + status
                + " and no measured run finished, so there are no results to export");
    }

    public static ExperimentConflictException noResultsYet(String id, ExperimentStatus status) {
        return new ExperimentConflictException("experiment '" + id + "' is " + status
                + " and has no results yet; its runs can be read once it has finished");
    }
}
