package org.concurrencylab.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} by looking its hash up among live users
 * ({@link TokenCache} remembers an answer for a moment; a deleted user or a rotated token is
 * refused at once on the node that made the change, within the cache's lifetime elsewhere). A
 * missing or unknown token leaves the request anonymous; the authorization rules then answer 401
 * where a user is needed (and public pages stay public whatever the header says).
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    /** Far above a generated token (43 characters); longer is no token of ours, and not worth hashing. */
    private static final int MAX_TOKEN_LENGTH = 512;

    private final UserAccounts accounts;
    private final SecurityContextRepository contexts;

    BearerTokenFilter(UserAccounts accounts, SecurityContextRepository contexts) {
        this.accounts = accounts;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = header.substring(BEARER.length()).trim();
            Optional<LabUser> user = token.isEmpty() || token.length() > MAX_TOKEN_LENGTH
                    ? Optional.empty()
                    : accounts.authenticate(token);
            if (user.isPresent()) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get(), null,
                        List.of(new SimpleGrantedAuthority(user.get().role().authority()))));
                SecurityContextHolder.setContext(context);
                // Kept for this request's own async (event streams) and error dispatches; never in a session.
                contexts.saveContext(context, request, response);
            } else {
                request.setAttribute(ProblemWriter.INVALID_TOKEN, Boolean.TRUE);
            }
        }
        chain.doFilter(request, response);
    }
}
