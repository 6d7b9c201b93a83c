package org.concurrencylab.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The pages' sessions, kept in the HTTP session, and checked on every page request as bearer tokens
 * are on every API request: the session's token hash must still belong to its live user. A rotated
 * token or a deleted user ends the session (it is invalidated, and the request goes on signed
 * out); otherwise the user is read afresh.
 */
final class PageSessionRepository implements SecurityContextRepository {

    /** Set on a request whose session was ended because its token no longer signs anyone in. */
    static final String ENDED = PageSessionRepository.class.getName() + ".ended";

    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    private final UserAccounts accounts;

    PageSessionRepository(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        DeferredSecurityContext stored = sessions.loadDeferredContext(request);
        return new DeferredSecurityContext() {
            private SecurityContext checked;

            @Override
            public SecurityContext get() {
                if (checked == null) {
                    checked = check(request, stored);
                }
                return checked;
            }

            @Override
            public boolean isGenerated() {
                return get().getAuthentication() == null;
            }
        };
    }

    private SecurityContext check(HttpServletRequest request, Supplier<SecurityContext> stored) {
        SecurityContext context = stored.get();
        if (!(context.getAuthentication() instanceof PageSession session)) {
            return context.getAuthentication() == null ? context : SecurityContextHolder.createEmptyContext();
        }
        Optional<LabUser> live = accounts.authenticateHash(session.tokenHash())
                .filter(user -> user.id().equals(session.getPrincipal().id()));
        if (live.isEmpty()) {
            HttpSession httpSession = request.getSession(false);
            if (httpSession != null) {
                httpSession.invalidate();
            }
            request.setAttribute(ENDED, Boolean.TRUE);
            return SecurityContextHolder.createEmptyContext();
        }
        SecurityContext fresh = SecurityContextHolder.createEmptyContext();
        fresh.setAuthentication(new PageSession(live.get(), session.tokenHash()));
        return fresh;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(org.springframework.security.web.context.HttpRequestResponseHolder holder) {
        return loadDeferredContext(holder.getRequest()).get();
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        sessions.saveContext(context, request, response);
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return sessions.containsContext(request);
    }
}
