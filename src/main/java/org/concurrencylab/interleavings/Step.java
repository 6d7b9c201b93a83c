package org.concurrencylab.interleavings;

/**
 * One indivisible step of a thread's program: the scheduler may switch threads between any two
 * steps, never inside one. Locks are steps of their own because a thread whose next step is an
 * acquire of a held lock cannot be scheduled.
 */
sealed interface Step {

    /** Short name shown in traces and lanes, e.g. "read". */
    String name();

    /** The line of (Python-like) code the step stands for, e.g. "tmp = counter". */
    String code();

    /** A step on lock {@code lock}: "acquire lock" as {@code lock.acquire()}, likewise release. */
    sealed interface LockStep extends Step {
        int lock();

        String lockName();

        /** "acquire" or "release": the name of the step and of the method it calls. */
        String verb();

        @Override
        default String name() {
            return verb() + " " + lockName();
        }

        @Override
        default String code() {
            return lockName() + "." + verb() + "()";
        }
    }

    record Acquire(int lock, String lockName) implements LockStep {
        @Override
        public String verb() {
            return "acquire";
        }
    }

    record Release(int lock, String lockName) implements LockStep {
        @Override
        public String verb() {
            return "release";
        }
    }

    /** Reads or writes shared variables and the thread's own locals. */
    record Action(String name, String code, Effect effect) implements Step {}

    @FunctionalInterface
    interface Effect {
        /** Changes {@code shared} and {@code locals} in place; a local never set is {@code null}. */
        void apply(Shared shared, Integer[] locals);
    }

    /**
     * The shared variables as a step sees them. Writes are recorded, so a trace can show that a
     * step wrote a variable even when it wrote the value already there (the lost update's write).
     */
    final class Shared {
        private final int[] values;
        private int written;

        Shared(int[] values) {
            this.values = values;
        }

        int get(int variable) {
            return values[variable];
        }

        void set(int variable, int value) {
            values[variable] = value;
            written |= 1 << variable;
        }

        /** Bit i set when variable i was written. */
        int written() {
            return written;
        }
    }
}
