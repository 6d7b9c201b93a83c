/**
 * People and the locked door: bearer tokens (stored only as hashes), the users and roles they
 * belong to, who is calling ({@link org.concurrencylab.security.CurrentUser}), what is open to whom,
 * request size limits and the audit log.
 */
package org.concurrencylab.security;
