package org.concurrencylab.execution;

/** A chunk of consecutive task indexes, sent to a worker in one TASKS frame. */
record Chunk(int first, int count) {

    /** As users read it in an error: {@code task 3} or {@code tasks 3..7}. */
    @Override
    public String toString() {
        return count == 1 ? "task " + first : "tasks " + first + ".." + (first + count - 1);
    }
}
