package org.concurrencylab.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.concurrencylab.database.DatabaseOutage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem+json answers given before a request reaches a controller (so ProblemAdvice never
 * sees them): 401 with the {@code WWW-Authenticate} challenge, 403, 413, 503. Same shape as the rest.
 */
final class ProblemWriter {

    /** Set by {@link BearerTokenFilter} when a token was sent but matches no live user. */
    static final String INVALID_TOKEN = ProblemWriter.class.getName() + ".invalidToken";

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    /** 401: RFC 6750's challenge, with {@code error="invalid_token"} when a token was sent but is not (or no longer) valid. */
    void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        boolean invalidToken = request.getAttribute(INVALID_TOKEN) != null;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, invalidToken
                ? "Bearer realm=\"concurrency-lab\", error=\"invalid_token\", error_description=\"unknown or revoked token\""
                : "Bearer realm=\"concurrency-lab\"");
        write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized", invalidToken
                ? "the bearer token is unknown or was revoked"
                : "send a token: Authorization: Bearer <token>");
    }

    void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "Forbidden", "your role may not do this");
    }

    /** 503 with {@code Retry-After}: the database did not answer while the request was being authenticated or checked. */
    void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseOutage.RETRY_AFTER.toSeconds()));
        write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable", DatabaseOutage.DETAIL);
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(problem));
    }
}
