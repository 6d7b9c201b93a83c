package org.concurrencylab.interleavings;

/** How a program protects its shared state. */
public enum Strategy {
    NONE("none", "no lock: the steps of different threads may interleave anywhere"),
    LOCK("lock", "the steps that touch shared state run between acquire and release of a lock");

    private final String id;
    private final String description;

    Strategy(String id, String description) {
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
