package org.concurrencylab.workload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A kind's params, complete (defaults filled in) and within bounds. */
public record WorkloadParams(Map<String, Long> values) {

    public WorkloadParams {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Every declared param of the kind at its default. */
    public static WorkloadParams defaults(WorkloadKind kind) {
        Map<String, Long> values = new LinkedHashMap<>();
        kind.params().forEach(p -> values.put(p.name(), p.defaultValue()));
        return new WorkloadParams(values);
    }

    /** These params, with every value {@code other} has replacing this one's. */
    public WorkloadParams overriddenBy(WorkloadParams other) {
        Map<String, Long> merged = new LinkedHashMap<>(values);
        merged.putAll(other.values);
        return new WorkloadParams(merged);
    }

    public long get(String name) {
        Long value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no param " + name);
        }
        return value;
    }
}
