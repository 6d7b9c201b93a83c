package org.concurrencylab.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A workload's params, complete and within bounds, as whole numbers by name (as they travel to a
 * worker JVM); read typed through their declarations.
 */
public record ParamValues(Map<String, Long> raw) {

    public ParamValues {
        raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    }

    public long get(Param.Int param) {
        return value(param);
    }

    public boolean get(Param.Flag param) {
        return value(param) == 1;
    }

    public String get(Param.Choice param) {
        return param.choiceName(value(param));
    }

    /** A choice as its index in the declared choices: for enums declared in the same order. */
    public int index(Param.Choice param) {
        return (int) value(param);
    }

    private long value(Param param) {
        Long value = raw.get(param.name());
        return value == null ? param.defaultRaw() : value;
    }

    /** These values, with each of {@code others} replacing this one's. */
    public ParamValues overriddenBy(Map<String, Long> others) {
        Map<String, Long> merged = new LinkedHashMap<>(raw);
        merged.putAll(others);
        return new ParamValues(merged);
    }
}
