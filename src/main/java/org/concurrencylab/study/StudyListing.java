package org.concurrencylab.study;

import java.time.Instant;
import java.util.List;
import org.concurrencylab.core.ExecutionModel;

/** A study in a list: what it studies and how far it got; its table is at GET /api/v1/studies/{id}. */
public record StudyListing(String id, String name, StudyStatus status, StudyReport.Progress progress,
        String workloadKind, List<ExecutionModel> models, List<Integer> parallelism, StudySpec.Scaling scaling,
        Instant createdAt) {}
