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

    record Acquire(int lock, String lockName) implements Step {
        @Override
        public String name() {
            return "acquire " + lockName;
        }

        @Override
        public String code() {
            return lockName + ".acquire()";
        }
    }

    record Release(int lock, String lockName) implements Step {
        @Override
        public String name() {
            return "release " + lockName;
        }

        @Override
        public String code() {
            return lockName + ".release()";
        }
    }

    /** Reads or writes shared variables and the thread's own locals. */
    record Action(String name, String code, Effect effect) implements Step {}

    @FunctionalInterface
    interface Effect {
        /** Changes {@code shared} and {@code locals} in place; a local never set is {@code null}. */
        void apply(int[] shared, Integer[] locals);
    }
}
