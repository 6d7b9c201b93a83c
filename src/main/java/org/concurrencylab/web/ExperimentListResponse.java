package org.concurrencylab.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.concurrencylab.execution.ExecutionModel;
import org.concurrencylab.experiment.ExperimentListing;
import org.concurrencylab.experiment.ExperimentPage;
import org.concurrencylab.experiment.ExperimentStatus;
import org.concurrencylab.measure.Summary;

/** One page of experiments, newest first; each item carries its summary, not every run. */
record ExperimentListResponse(List<Item> items, int page, int size, long totalItems, int totalPages) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(
            String id,
            String name,
            ExperimentStatus status,
            String statusReason,
            ExecutionModel model,
            String workload,
            int parallelism,
            int tasks,
            Instant createdAt,
            Instant finishedAt,
            Summary summary) {

        static Item from(ExperimentListing e) {
            return new Item(e.id(), e.spec().name(), e.status(), e.statusReason(), e.spec().model(),
                    e.spec().workload().kind(), e.spec().parallelism(), e.spec().tasks(), e.createdAt(),
                    e.finishedAt(), e.summary());
        }
    }

    static ExperimentListResponse from(ExperimentPage page) {
        return new ExperimentListResponse(page.items().stream().map(Item::from).toList(), page.page(), page.size(),
                page.totalItems(), page.totalPages());
    }
}
