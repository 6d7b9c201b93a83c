package org.concurrencylab.interleavings;

import java.util.List;

/** A request the explorer cannot answer; each violation names the field and what is allowed. */
public final class InvalidSetupException extends RuntimeException {

    private final transient List<Violation> violations;

    InvalidSetupException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).reduce((a, b) -> a + "; " + b).orElse("invalid request"));
        this.violations = List.copyOf(violations);
    }

    static InvalidSetupException of(String field, String message) {
        return new InvalidSetupException(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    /** One broken rule, e.g. {@code schedule[3]}: "thread 1 has already finished its 3 steps". */
    public record Violation(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }
}
