package org.concurrencylab.security;

import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A browser's signed-in session: the user, and the hash of the token it signed in with (never the
 * token), so that every page request can check the token is still that user's (see
 * {@link PageSessionRepository}).
 */
final class PageSession extends AbstractAuthenticationToken {

    private final LabUser user;
    private final String tokenHash;

    PageSession(LabUser user, String tokenHash) {
        super(List.of(new SimpleGrantedAuthority(user.role().authority())));
        this.user = Objects.requireNonNull(user, "user");
        this.tokenHash = Objects.requireNonNull(tokenHash, "tokenHash");
        setAuthenticated(true);
    }

    String tokenHash() {
        return tokenHash;
    }

    @Override
    public LabUser getPrincipal() {
        return user;
    }

    /** Nothing: the token itself is never kept. */
    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return user.id();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PageSession that && user.equals(that.user) && tokenHash.equals(that.tokenHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, tokenHash);
    }
}
