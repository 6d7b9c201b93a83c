package org.concurrencylab.experiment;

import java.time.Instant;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.security.Owner;

/**
 * An experiment as a list shows it: what was asked, where it stands, and its summary, not its runs.
 *
 * @param summaryJson the result's summary as stored JSON, passed through to the response as it is
 *     (parsing and writing it again per row was most of a list request's cost); null without a result
 * @param owner null for experiments stored before the lab had users
 */
public record ExperimentListing(String id, String name, ExecutionModel model, String workload, int parallelism,
        int tasks, ExperimentStatus status, String statusReason, Instant createdAt, Instant finishedAt,
        String summaryJson, Owner owner, boolean shared) {}
