package org.concurrencylab.experiment;

import java.util.Map;

/**
 * The experiment table's {@code spec} column: a {@link ResolvedSpec} as stored. Its field names are
 * the column's contract; rows stored in older shapes were rewritten into this one by migration V4.
 *
 * @param model an {@code ExecutionModel} name
 * @param options every option of the model by name, each with its value (none for a model without options)
 */
record StoredSpec(
        String name,
        String model,
        int parallelism,
        int tasks,
        Workload workload,
        int warmups,
        int repetitions,
        boolean baseline,
        int timeLimitSeconds,
        Map<String, Object> options) {

    /** @param params every param of the workload by name, choices as their index */
    record Workload(String kind, Map<String, Long> params) {}
}
