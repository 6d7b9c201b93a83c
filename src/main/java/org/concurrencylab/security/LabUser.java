package org.concurrencylab.security;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in user as services see it (never with its token).
 *
 * @param teacherId for a student, the teacher whose class it belongs to; null otherwise (and for a
 *     student an admin made without a teacher)
 */
public record LabUser(String id, String name, Role role, String teacherId, Instant createdAt) {

    public LabUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Whether {@code other} is a student of this user's class. */
    public boolean teaches(LabUser other) {
        return role == Role.TEACHER && other.role == Role.STUDENT && id.equals(other.teacherId);
    }
}
