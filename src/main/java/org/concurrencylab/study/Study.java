package org.concurrencylab.study;

import java.time.Instant;
import java.util.List;
import org.concurrencylab.core.ExecutionModel;

/**
 * A study as stored: its spec and its cells, one experiment per (model, parallelism).
 *
 * @param state SUBMITTED, or CANCEL_REQUESTED once someone cancelled it
 */
record Study(String id, String name, StudySpec spec, String state, Instant createdAt, List<Cell> cells) {

    static final String SUBMITTED = "SUBMITTED";
    static final String CANCEL_REQUESTED = "CANCEL_REQUESTED";

    record Cell(int position, String experimentId, ExecutionModel model, int parallelism) {}
}
