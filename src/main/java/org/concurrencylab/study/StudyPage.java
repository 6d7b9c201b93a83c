package org.concurrencylab.study;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.concurrencylab.core.ExecutionModel;

/** One page of studies, newest first, as experiments are paged. */
public record StudyPage(List<Item> items, int page, int size, long totalItems, int totalPages) {

    /** A study in a list: what it studies and how far it got; its table is at GET /api/v1/studies/{id}. */
    @Schema(name = "StudyListItem", description = "A study in a list; its table and fits are at GET /api/v1/studies/{id}.")
    public record Item(String id, String name, StudyStatus status, StudyReport.Progress progress,
            String workloadKind, List<ExecutionModel> models, List<Integer> parallelism, StudySpec.Scaling scaling,
            Instant createdAt) {}
}
