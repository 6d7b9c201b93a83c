package org.concurrencylab.core;

/** One observed value, of one of the four kinds a {@link Metric} declares. */
public sealed interface Value {

    /** The value as JSON shows it: a long, a double, a string or a boolean. */
    Object plain();

    /** The value as a number where it is one (a flag is 1 or 0); NaN for text. */
    double number();

    record Count(long value) implements Value {
        @Override
        public Object plain() {
            return value;
        }

        @Override
        public double number() {
            return value;
        }
    }

    record Real(double value) implements Value {
        @Override
        public Object plain() {
            return value;
        }

        @Override
        public double number() {
            return value;
        }
    }

    record Text(String value) implements Value {
        public Text {
            value = value == null ? "" : value;
        }

        @Override
        public Object plain() {
            return value;
        }

        @Override
        public double number() {
            return Double.NaN;
        }
    }

    record Flag(boolean value) implements Value {
        @Override
        public Object plain() {
            return value;
        }

        @Override
        public double number() {
            return value ? 1 : 0;
        }
    }

    /**
     * A value read back from JSON (a stored result), whose declaration is not at hand: integral
     * numbers are counts, other numbers reals, booleans flags, anything else text.
     */
    static Value ofPlain(Object plain) {
        if (plain instanceof Boolean b) {
            return new Flag(b);
        }
        if (plain instanceof Double || plain instanceof Float || plain instanceof java.math.BigDecimal) {
            return new Real(((Number) plain).doubleValue());
        }
        if (plain instanceof Number n) {
            return new Count(n.longValue());
        }
        return new Text(String.valueOf(plain));
    }
}
