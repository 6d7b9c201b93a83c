package org.concurrencylab.experiment;

import java.util.List;
import org.concurrencylab.core.InvalidRequestException;

/** A spec broke one or more rules of the catalog or the limits. */
public class InvalidSpecException extends InvalidRequestException {

    public InvalidSpecException(List<Violation> violations) {
        super(violations);
    }

    public static InvalidSpecException of(String field, String message) {
        return new InvalidSpecException(List.of(new Violation(field, message)));
    }
}
