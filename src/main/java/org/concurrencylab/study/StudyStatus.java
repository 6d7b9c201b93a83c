package org.concurrencylab.study;

import java.util.Collection;
import org.concurrencylab.experiment.ExperimentStatus;

/**
 * A study's status, derived from its cells' statuses every time it is read (never stored, so it
 * cannot drift from them).
 * <ul>
 * <li>QUEUED: every cell is still queued.</li>
 * <li>RUNNING: some cell is running, or some have finished while others are still queued.</li>
 * <li>SUCCEEDED: every cell succeeded.</li>
 * <li>CANCELLED: every cell has finished, none succeeded and at least one was cancelled.</li>
 * <li>FAILED: every cell has finished, none succeeded and none was cancelled (failed or timed out).</li>
 * <li>PARTIAL: every cell has finished, some succeeded and some did not: the table has gaps.</li>
 * </ul>
 */
public enum StudyStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    PARTIAL;

    public boolean isTerminal() {
        return this != QUEUED && this != RUNNING;
    }

    static StudyStatus of(Collection<ExperimentStatus> cells) {
        if (cells.stream().allMatch(s -> s == ExperimentStatus.QUEUED)) {
            return QUEUED;
        }
        if (!cells.stream().allMatch(ExperimentStatus::isTerminal)) {
            return RUNNING;
        }
        long succeeded = cells.stream().filter(s -> s == ExperimentStatus.SUCCEEDED).count();
        if (succeeded == cells.size()) {
            return SUCCEEDED;
        }
        if (succeeded > 0) {
            return PARTIAL;
        }
        return cells.contains(ExperimentStatus.CANCELLED) ? CANCELLED : FAILED;
    }
}
