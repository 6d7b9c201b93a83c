package org.concurrencylab.security;

/** A user together with its token: only ever returned by the call that made the token. */
public record IssuedUser(LabUser user, String token) {}
