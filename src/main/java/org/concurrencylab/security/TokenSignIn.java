package org.concurrencylab.security;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The sign-in form's check: the pasted token (the form's one field, which Spring Security's form
 * login reads as its "username") must belong to a live user who may use the pages. Succeeds with a
 * {@link PageSession} that keeps the token's hash, never the token.
 */
final class TokenSignIn implements AuthenticationProvider {

    /** Far above a generated token (43 characters), as for bearer tokens. */
    private static final int MAX_TOKEN_LENGTH = 512;

    private final UserAccounts accounts;

    TokenSignIn(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String token = attempt.getPrincipal() == null ? "" : attempt.getPrincipal().toString().strip();
        Optional<LabUser> user = token.isEmpty() || token.length() > MAX_TOKEN_LENGTH
                ? Optional.empty()
                : accounts.authenticate(token);
        if (user.isEmpty()) {
            throw new BadCredentialsException("unknown or revoked token");
        }
        if (user.get().role() == Role.METRICS) {
            throw new DisabledException("a METRICS token is for scraping metrics, not for the pages");
        }
        return new PageSession(user.get(), Tokens.hash(token));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
