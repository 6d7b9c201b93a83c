/**
 * The database as something that can go away: bounded waits for it (connection, validation and
 * socket timeouts, a health check that answers in time) and one rule for telling an outage from a
 * bug, which the web and security layers turn into 503 with {@code Retry-After}.
 */
package org.concurrencylab.database;
