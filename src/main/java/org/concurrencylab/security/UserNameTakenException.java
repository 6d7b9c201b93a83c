package org.concurrencylab.security;

/** A user name is unique, deleted users' names included (their work still names them). */
public final class UserNameTakenException extends RuntimeException {

    private UserNameTakenException(String message) {
        super(message);
    }

    static UserNameTakenException forName(String name) {
        return new UserNameTakenException("the name '" + name + "' is already taken");
    }
}
