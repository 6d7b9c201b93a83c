package org.concurrencylab.experiment;

import java.time.Instant;
import org.concurrencylab.measure.ExperimentResult;

/**
 * An experiment as stored.
 *
 * @param statusReason why it failed, timed out or was cancelled
 * @param nodeId the node that claimed it from the queue
 * @param result once finished (partial when it was stopped early)
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
        ExperimentResult result) {}
