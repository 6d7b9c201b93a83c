package org.concurrencylab.experiment;

import org.concurrencylab.core.ExecutionModel;

/** What a listing is narrowed to; a null field matches every experiment. */
public record ExperimentFilter(ExperimentStatus status, ExecutionModel model, String workloadKind) {}
