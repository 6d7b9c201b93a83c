package org.concurrencylab.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of a spec's model options, each typed by its declaration; an option left out reads
 * as its default. Stored and shown as a map of option name to value.
 */
public record ModelOptions(@JsonValue Map<String, Object> values) {

    public static final ModelOptions DEFAULTS = new ModelOptions(Map.of());

    public ModelOptions {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public int get(ModelOption.Int option) {
        return values.get(option.name()) instanceof Number n ? n.intValue() : option.defaultValue();
    }

    public boolean get(ModelOption.Bool option) {
        return values.get(option.name()) instanceof Boolean b ? b : option.defaultValue();
    }

    public ModelOptions with(ModelOption.Int option, int value) {
        return with(option.name(), value);
    }

    public ModelOptions with(ModelOption.Bool option, boolean value) {
        return with(option.name(), value);
    }

    private ModelOptions with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(values);
        more.put(name, value);
        return new ModelOptions(more);
    }

    /** Every option of {@code model} with its value or default, in declaration order. */
    public Map<String, Object> shownFor(ExecutionModel model) {
        Map<String, Object> shown = new LinkedHashMap<>();
        for (ModelOption option : model.options()) {
            shown.put(option.name(), switch (option) {
                case ModelOption.Int i -> get(i);
                case ModelOption.Bool b -> get(b);
            });
        }
        return shown;
    }
}
