package org.concurrencylab.core;

import java.util.List;

/**
 * A request broke one or more rules; each violation names the field and what is allowed. The web
 * layer answers every one with the same 400 problem, whichever part of the lab found it.
 */
public class InvalidRequestException extends RuntimeException {

    private final transient List<Violation> violations;

    public InvalidRequestException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).reduce((a, b) -> a + "; " + b).orElse("invalid request"));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** One broken rule, e.g. {@code parallelism}: "must be between 1 and 16 for PROCESSES". */
    public record Violation(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }
}
