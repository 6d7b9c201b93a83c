package org.concurrencylab.experiment;

import java.util.concurrent.ScheduledFuture;

/**
 * An experiment this node is running, and the one way to stop it: interrupting the thread that
 * runs it. The thread is bound while the engine works and unbound before the final status is
 * written, so a late cancel can never interrupt a database write.
 */
final class RunningExperiment {

    /** Why a run was stopped before it finished, and the status that records it. */
    enum StopReason {
        CANCELLED(ExperimentStatus.CANCELLED),
        TIMED_OUT(ExperimentStatus.TIMED_OUT),
        SHUTDOWN(ExperimentStatus.FAILED);

        final ExperimentStatus status;

        StopReason(ExperimentStatus status) {
            this.status = status;
        }
    }

    final Experiment experiment;
    private Thread thread;
    private StopReason stopReason;
    private ScheduledFuture<?> timeLimit;

    RunningExperiment(Experiment experiment) {
        this.experiment = experiment;
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
