package org.concurrencylab.experiment;

import org.concurrencylab.core.ExecutionModel;

/**
 * What a listing is narrowed to; a null field matches every experiment (that the viewer may see).
 *
 * @param ownerId a user's id: only that user's experiments
 */
public record ExperimentFilter(ExperimentStatus status, ExecutionModel model, String workloadKind, String ownerId) {}
