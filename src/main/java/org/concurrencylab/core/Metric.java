package org.concurrencylab.core;

/**
 * The declaration of one observation: its name (part of the API), its unit, how parts of a run
 * combine ({@link Aggregation}) and what it means. Typed by the kind of value it holds, so a
 * workload cannot report a sentence where a count is declared, and a reader gets the type back.
 */
public sealed interface Metric {

    String name();

    String unit();

    Aggregation aggregation();

    String description();

    /** A whole number: a count, bytes, a peak. */
    record Count(String name, String unit, Aggregation aggregation, String description) implements Metric {}

    /** A measured real number: a rate, a latency, an estimate. */
    record Real(String name, String unit, Aggregation aggregation, String description) implements Metric {}

    /** A word or short phrase: a strategy, an outcome, the names of threads. */
    record Text(String name, String unit, Aggregation aggregation, String description) implements Metric {}

    /** Yes or no. Parts combine with AND (every part must say yes). */
    record Flag(String name, String unit, Aggregation aggregation, String description) implements Metric {}

    static Count count(String name, String unit, Aggregation aggregation, String description) {
        return new Count(name, unit, aggregation, description);
    }

    static Real real(String name, String unit, Aggregation aggregation, String description) {
        return new Real(name, unit, aggregation, description);
    }

    static Text text(String name, Aggregation aggregation, String description) {
        return new Text(name, "", aggregation, description);
    }

    static Flag flag(String name, String description) {
        return new Flag(name, "", Aggregation.SAME, description);
    }

    /** The value's type as the catalog names it. */
    default String type() {
        return switch (this) {
            case Count c -> "integer";
            case Real r -> "number";
            case Text t -> "text";
            case Flag f -> "boolean";
        };
    }
}
