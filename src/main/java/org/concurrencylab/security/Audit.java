package org.concurrencylab.security;

/**
 * The audit trail: who changed what, by user id (never a token). One logger, so that operators can
 * route it to a file or collector of its own ({@code logging.level.org.concurrencylab.audit}).
 */
final class Audit {

    static final String LOGGER = "org.concurrencylab.audit";

    private Audit() {
    }
}
