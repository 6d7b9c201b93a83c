package org.concurrencylab.workload;

/**
 * A workload parameter: an integer with a default and hard bounds. Operators may lower the upper
 * bound through configuration; the catalog's own maximum is the ceiling nobody can raise.
 */
public record ParamSpec(String name, String description, String unit, long defaultValue, long min, long max) {

    public ParamSpec {
        if (min > defaultValue || defaultValue > max) {
            throw new IllegalArgumentException("default of " + name + " outside [" + min + ", " + max + "]");
        }
    }
}
