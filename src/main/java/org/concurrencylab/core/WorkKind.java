package org.concurrencylab.core;

/** What a workload spends its time on, which decides the models it fits and how its speedup reads. */
public enum WorkKind {
    CPU("CPU-bound work"),
    IO("IO-bound work"),
    MIXED("Mixed CPU and IO work"),
    /** Workers sharing memory in one JVM: a counter, a queue, locks. */
    SHARED_STATE("The lab"),
    /** Processes that must message each other. */
    INTER_PROCESS("The lab");

    private final String phrase;

    WorkKind(String phrase) {
        this.phrase = phrase;
    }

    /** How an interpretation opens, such as "CPU-bound work". */
    public String phrase() {
        return phrase;
    }
}
