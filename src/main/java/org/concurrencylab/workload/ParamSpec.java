package org.concurrencylab.workload;

import java.util.List;

/**
 * A workload parameter: an integer with a default and hard bounds, or one of a few named choices
 * (held as the choice's index, so every param travels to a worker JVM as a number). Operators may
 * lower an integer's upper bound through configuration; the catalog's own maximum is the ceiling
 * nobody can raise.
 */
public record ParamSpec(String name, String description, String unit, long defaultValue, long min, long max,
        List<String> choices) {

    public ParamSpec {
        choices = List.copyOf(choices);
        if (min > defaultValue || defaultValue > max) {
            throw new IllegalArgumentException("default of " + name + " outside [" + min + ", " + max + "]");
        }
        if (!choices.isEmpty() && (min != 0 || max != choices.size() - 1)) {
            throw new IllegalArgumentException(name + ": a choice's bounds are its indexes");
        }
    }

    /** An integer param. */
    public ParamSpec(String name, String description, String unit, long defaultValue, long min, long max) {
        this(name, description, unit, defaultValue, min, max, List.of());
    }

    /** A param whose value is one of {@code choices}, the first being the default unless named. */
    public static ParamSpec choice(String name, String description, String defaultChoice, String... choices) {
        List<String> all = List.of(choices);
        int index = all.indexOf(defaultChoice);
        if (index < 0) {
            throw new IllegalArgumentException(name + ": default " + defaultChoice + " is not a choice");
        }
        return new ParamSpec(name, description, "", index, 0, all.size() - 1, all);
    }

    public boolean isChoice() {
        return !choices.isEmpty();
    }

    /** The name of a choice param's value. */
    public String choiceName(long index) {
        return choices.get((int) index);
    }
}
