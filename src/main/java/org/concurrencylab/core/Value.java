package org.concurrencylab.core;

/** One observed value, of one of the four kinds a {@link Metric} declares. */
public sealed interface Value {

    /** The value as JSON shows it: a long, a double, a string or a boolean. */
    default Object plain() {
        // instanceof tests, not a pattern switch: a worker builds values before READY (its warm-up),
        // and a pattern switch is linked at first use, which a fresh JVM pays in milliseconds.
        if (this instanceof Count count) {
            return count.value();
        }
        if (this instanceof Real real) {
            return real.value();
        }
        if (this instanceof Flag flag) {
            return flag.value();
        }
        return ((Text) this).value();
    }

    /** The value as a number where it is one (a flag is 1 or 0); NaN for text. */
    default double number() {
        Object plain = plain();
        return plain instanceof Number n ? n.doubleValue() : plain instanceof Boolean b ? (b ? 1 : 0) : Double.NaN;
    }

    record Count(long value) implements Value {}

    record Real(double value) implements Value {}

    record Text(String value) implements Value {
        public Text {
            value = value == null ? "" : value;
        }
    }

    record Flag(boolean value) implements Value {}

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
