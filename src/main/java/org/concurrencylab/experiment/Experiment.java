package org.concurrencylab.experiment;

import java.time.Instant;
import org.concurrencylab.measure.ExperimentResult;
import org.concurrencylab.security.Owner;

/**
 * An experiment as stored.
 *
 * @param statusReason why it failed, timed out or was cancelled
 * @param nodeId the node that claimed it from the queue
 * @param result once finished (partial when it was stopped early)
 * @param owner who submitted it; null for experiments stored before the lab had users (the admins')
 * @param shared readable by every signed-in user, not only its owner, the owner's teacher and admins
 * @param estimate how long it was expected to take when it was submitted; null when nothing was known
 *     (no declared waits, no earlier runs) and for experiments stored before estimates
 */
public record Experiment(
        String id,
        ResolvedSpec spec,
        ExperimentStatus status,
        String statusReason,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String nodeId,
        ExperimentResult result,
        Owner owner,
        boolean shared,
        Estimate estimate) {

    /** Without an estimate. */
    public Experiment(String id, ResolvedSpec spec, ExperimentStatus status, String statusReason, Instant createdAt,
            Instant startedAt, Instant finishedAt, String nodeId, ExperimentResult result, Owner owner, boolean shared) {
        this(id, spec, status, statusReason, createdAt, startedAt, finishedAt, nodeId, result, owner, shared, null);
    }
}
