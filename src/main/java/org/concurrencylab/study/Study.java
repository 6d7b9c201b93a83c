package org.concurrencylab.study;

import java.time.Instant;
import java.util.List;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.security.Owner;

/**
 * A study as stored: its spec and its cells, one experiment per (model, parallelism).
 *
 * @param state SUBMITTED, or CANCEL_REQUESTED once someone cancelled it
 * @param owner who submitted it (its cells are that user's too); null for studies stored before the
 *     lab had users (the admins')
 * @param shared readable by every signed-in user (and so are its cells)
 */
record Study(String id, String name, StudySpec spec, String state, Instant createdAt, List<Cell> cells, Owner owner,
        boolean shared) {

    static final String SUBMITTED = "SUBMITTED";
    static final String CANCEL_REQUESTED = "CANCEL_REQUESTED";

    record Cell(int position, String experimentId, ExecutionModel model, int parallelism) {}
}
