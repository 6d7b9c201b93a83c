package org.concurrencylab.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One audit line per change a signed-in user asks of the API or the pages (submits, cancels,
 * deletes, account changes): user id, method, path, status and the {@code Location} of what was made. Here rather
 * than in each controller, so that no new route can forget it. Never the token or the body.
 */
final class AuditFilter extends OncePerRequestFilter {

    private static final Logger AUDIT = LoggerFactory.getLogger(Audit.LOGGER);
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final CurrentUser current;
    private final String pathPrefix;

    /** Audits the changes asked of paths under {@code pathPrefix} ("/api/" for the API, "/" for the pages). */
    AuditFilter(CurrentUser current, String pathPrefix) {
        this.current = current;
        this.pathPrefix = pathPrefix;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !CHANGES.contains(request.getMethod()) || !request.getRequestURI().startsWith(pathPrefix);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var user = current.find();
        try {
            chain.doFilter(request, response);
        } finally {
            if (user.isPresent()) {
                String location = response.getHeader(HttpHeaders.LOCATION);
                AUDIT.info("user {} ({}) {} {} -> {}{}", user.get().id(), user.get().role(), request.getMethod(),
                        request.getRequestURI(), response.getStatus(), location == null ? "" : " " + location);
            }
        }
    }
}
