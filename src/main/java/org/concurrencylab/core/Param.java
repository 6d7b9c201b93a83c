package org.concurrencylab.core;

import java.util.List;

/**
 * A workload parameter, declared once with its default and bounds. Every param travels to a
 * worker JVM as a whole number (a choice as its index, a flag as 0 or 1), and is read back typed
 * through its declaration ({@link ParamValues#get}). Operators may lower an integer's upper bound
 * ({@code lab.limits.params.<name>}); the declared maximum is the ceiling nobody can raise.
 */
public sealed interface Param {

    String name();

    String description();

    /** The default as a whole number, as it travels. */
    long defaultRaw();

    long minRaw();

    long maxRaw();

    /** An integer with a unit. */
    record Int(String name, String description, String unit, long defaultValue, long min, long max) implements Param {
        public Int {
            if (min > defaultValue || defaultValue > max) {
                throw new IllegalArgumentException("default of " + name + " outside [" + min + ", " + max + "]");
            }
        }

        @Override
        public long defaultRaw() {
            return defaultValue;
        }

        @Override
        public long minRaw() {
            return min;
        }

        @Override
        public long maxRaw() {
            return max;
        }
    }

    /** One of a few named choices; travels as the choice's index. */
    record Choice(String name, String description, List<String> choices, String defaultChoice) implements Param {
        public Choice {
            choices = List.copyOf(choices);
            if (!choices.contains(defaultChoice)) {
                throw new IllegalArgumentException(name + ": default " + defaultChoice + " is not a choice");
            }
        }

        @Override
        public long defaultRaw() {
            return choices.indexOf(defaultChoice);
        }

        @Override
        public long minRaw() {
            return 0;
        }

        @Override
        public long maxRaw() {
            return choices.size() - 1L;
        }

        public String choiceName(long index) {
            return choices.get((int) index);
        }
    }

    /** Yes or no, written 0 or 1 (as the lecture's Python flags are). */
    record Flag(String name, String description, boolean defaultValue) implements Param {
        @Override
        public long defaultRaw() {
            return defaultValue ? 1 : 0;
        }

        @Override
        public long minRaw() {
            return 0;
        }

        @Override
        public long maxRaw() {
            return 1;
        }
    }

    static Int integer(String name, String description, String unit, long defaultValue, long min, long max) {
        return new Int(name, description, unit, defaultValue, min, max);
    }

    static Choice choice(String name, String description, String defaultChoice, String... choices) {
        return new Choice(name, description, List.of(choices), defaultChoice);
    }

    static Flag flag(String name, String description, boolean defaultValue) {
        return new Flag(name, description, defaultValue);
    }
}
