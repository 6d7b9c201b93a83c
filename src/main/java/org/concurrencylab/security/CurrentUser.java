package org.concurrencylab.security;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is calling, for services: the user whose bearer token authenticated this request. Read on
 * the request's thread (the security context is thread-bound); work handed to other threads must
 * carry the {@link LabUser} (or its id) along.
 */
@Component
public class CurrentUser {

    /** The calling user, or empty outside an authenticated request. */
    public Optional<LabUser> find() {
        return ofThisThread();
    }

    /** The same for code that is not a bean (static helpers on the request's thread). */
    public static Optional<LabUser> ofThisThread() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof LabUser user
                ? Optional.of(user)
                : Optional.empty();
    }

    /** The calling user; a request that got this far without one is a 401. */
    public LabUser get() {
        return find().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("no signed-in user"));
    }
}
