package org.concurrencylab.interleavings;

import java.util.Locale;

/** In which order a thread of two-locks takes its two locks. */
public enum LockOrder {
    OPPOSITE("each thread locks the account it takes from first, so two transfers in opposite "
            + "directions take the locks in opposite orders"),
    CONSISTENT("every thread takes lock_a before lock_b, whatever the direction of its transfer");

    private final String description;

    LockOrder(String description) {
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
