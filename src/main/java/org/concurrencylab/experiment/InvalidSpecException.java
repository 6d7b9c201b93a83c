package org.concurrencylab.experiment;

import java.util.List;

/** A spec broke one or more rules; each violation names the field and what is allowed. */
public class InvalidSpecException extends RuntimeException {

    private final transient List<Violation> violations;

    public InvalidSpecException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).reduce((a, b) -> a + "; " + b).orElse("invalid spec"));
        this.violations = List.copyOf(violations);
    }

    public static InvalidSpecException of(String field, String message) {
        return new InvalidSpecException(List.of(new Violation(field, message)));
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
