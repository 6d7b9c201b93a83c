package org.concurrencylab.security;

/** No live user with this id that the caller may manage: the same answer either way. */
public final class UserNotFoundException extends RuntimeException {

    private UserNotFoundException(String message) {
        super(message);
    }

    static UserNotFoundException forId(String id) {
        return new UserNotFoundException("no user with id " + id);
    }
}
