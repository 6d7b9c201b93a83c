package org.concurrencylab.security;

import org.springframework.security.access.AccessDeniedException;

/**
 * A user may read this work (it is shared) but not change it: only its owner, the owner's teacher
 * and admins may. A 403: unlike work one may not read, which answers as if it did not exist.
 */
public class NotYoursException extends AccessDeniedException {

    private NotYoursException(String message) {
        super(message);
    }

    /** {@code action} as a verb ("cancel"), {@code what} as a noun with its id ("experiment 'e1'"). */
    public static NotYoursException toChange(String action, String what) {
        return new NotYoursException("only its owner, the owner's teacher or an admin may " + action + " " + what
                + "; it is shared with you to read");
    }
}
