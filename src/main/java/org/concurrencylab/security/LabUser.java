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

    /**
     * Whether this user may see work of {@code owner}: its own, its students', anything shared, and
     * everything for an admin. Work without an owner (stored before the lab had users) is the admins'.
     */
    public boolean mayRead(Owner owner, boolean shared) {
        return shared || mayChange(owner);
    }

    /** Whether this user may cancel, delete or share work of {@code owner} (null: no owner, admins only). */
    public boolean mayChange(Owner owner) {
        if (isAdmin()) {
            return true;
        }
        return owner != null && (id.equals(owner.id()) || (role == Role.TEACHER && id.equals(owner.teacherId())));
    }

    /** Whether {@code other} is a student of this user's class. */
    public boolean teaches(LabUser other) {
        return role == Role.TEACHER && other.role == Role.STUDENT && id.equals(other.teacherId);
    }
}
