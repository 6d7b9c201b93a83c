package org.concurrencylab.interleavings;

import java.util.Locale;

/** How a program protects its shared state. */
public enum Strategy {
    NONE("no lock: the steps of different threads may interleave anywhere"),
    LOCK("the steps that touch shared state run between acquire and release of a lock");

    private final String description;

    Strategy(String description) {
        this.description = description;
    }

    /** How requests and the catalog name it: the constant's name in lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }
}
