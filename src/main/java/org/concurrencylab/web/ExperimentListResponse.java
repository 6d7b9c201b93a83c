package org.concurrencylab.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.ExperimentListing;
import org.concurrencylab.experiment.ExperimentPage;
import org.concurrencylab.experiment.ExperimentStatus;
import org.concurrencylab.measure.Summary;
import org.concurrencylab.security.Owner;

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
            // Stored JSON passed through as it is: parsing and writing it again per row was most of a
            // list request's cost. The schema is still the summary's.
            @JsonRawValue @Schema(implementation = Summary.class) String summary,
            Owner owner,
            boolean shared) {

        static Item from(ExperimentListing e) {
            return new Item(e.id(), e.name(), e.status(), e.statusReason(), e.model(), e.workload(), e.parallelism(),
                    e.tasks(), e.createdAt(), e.finishedAt(), e.summaryJson(), e.owner(), e.shared());
        }
    }

    static ExperimentListResponse from(ExperimentPage page) {
        return new ExperimentListResponse(page.items().stream().map(Item::from).toList(), page.page(), page.size(),
                page.totalItems(), page.totalPages());
    }
}
