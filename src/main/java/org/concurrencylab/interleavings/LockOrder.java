package org.concurrencylab.interleavings;

/** In which order a thread of two-locks takes its two locks. */
public enum LockOrder {
    OPPOSITE("opposite", "each thread locks the account it takes from first, so two transfers in opposite "
            + "directions take the locks in opposite orders"),
    CONSISTENT("consistent", "every thread takes lock_a before lock_b, whatever the direction of its transfer");

    private final String id;
    private final String description;

    LockOrder(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
