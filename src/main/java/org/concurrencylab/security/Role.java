package org.concurrencylab.security;

/**
 * What a user may do. A teacher makes and removes students, which then belong to it (its class);
 * METRICS is for a Prometheus scraper and may read nothing but {@code /actuator/prometheus}.
 */
public enum Role {
    ADMIN,
    TEACHER,
    STUDENT,
    METRICS;

    /** The Spring Security authority for this role, as {@code hasRole} expects it. */
    String authority() {
        return "ROLE_" + name();
    }
}
