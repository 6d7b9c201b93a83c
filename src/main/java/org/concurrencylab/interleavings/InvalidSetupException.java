package org.concurrencylab.interleavings;

import java.util.List;
import org.concurrencylab.core.InvalidRequestException;

/** A request the explorer cannot answer, such as a schedule that names a finished thread. */
final class InvalidSetupException extends InvalidRequestException {

    InvalidSetupException(List<Violation> violations) {
        super(violations);
    }

    static InvalidSetupException of(String field, String message) {
        return new InvalidSetupException(List.of(new Violation(field, message)));
    }
}
