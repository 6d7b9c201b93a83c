package org.concurrencylab.experiment;

import java.time.Instant;
import org.concurrencylab.measure.Summary;

/** An experiment as a list shows it: what was asked, where it stands, and its summary, not its runs. */
public record ExperimentListing(String id, ResolvedSpec spec, ExperimentStatus status, String statusReason,
        Instant createdAt, Instant finishedAt, Summary summary) {}
