package org.concurrencylab.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * Who may see which page. The pages (server-rendered, see the {@code ui} package) keep a session:
 * a cookie made by signing in with a token on {@code /signin}, HttpOnly, SameSite=Lax, Secure over
 * HTTPS (Tomcat marks it so on a secure request), a new session id at sign-in (session fixation),
 * CSRF tokens on every form, and the token's hash checked again on every page request
 * ({@link PageSessionRepository}). This chain matches only the page paths and comes first; the API's
 * chain ({@link SecurityConfig}) stays stateless and bearer-only, so a session cookie opens no API
 * call.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurityConfig {

    /** Every path the pages serve: the pages, their live streams and their own static files. */
    static final String[] PAGES = {"/", "/signin", "/signout", "/denied", "/lessons/**", "/experiments/**",
        "/studies/**", "/compare", "/class", "/class/**", "/admin/**", "/css/**", "/js/**", "/favicon.svg"};

    private static final String[] OPEN = {"/signin", "/css/**", "/js/**", "/favicon.svg"};

    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http, UserAccounts accounts, CurrentUser current,
            BodyLimitProperties limits, tools.jackson.databind.json.JsonMapper json) {
        PageSessionRepository sessions = new PageSessionRepository(accounts);
        AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
        denied.setErrorPage("/denied");
        http
                .securityMatcher(PAGES)
                .securityContext(context -> context.securityContextRepository(sessions))
                .authenticationManager(new ProviderManager(new TokenSignIn(accounts)))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .formLogin(form -> form
                        .loginPage("/signin")
                        // The form's one field, the token, is what form login calls the username.
                        .usernameParameter("token")
                        .passwordParameter("token")
                        .defaultSuccessUrl("/")
                        .failureHandler(PageSecurityConfig::signInFailed)
                        .permitAll())
                .logout(logout -> logout
                        .logoutUrl("/signout")
                        .logoutSuccessUrl("/signin?signedout")
                        .deleteCookies("JSESSIONID"))
                .httpBasic(AbstractHttpConfigurer::disable)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        // Nothing from outside the server, no inline script or style, no framing.
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                                + "frame-ancestors 'none'")))
                .addFilterBefore(new BodySizeFilter(limits.maxRequestBytes().toBytes(), new ProblemWriter(json)),
                        SecurityContextHolderFilter.class)
                .addFilterAfter(new AuditFilter(current, "/"), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(PageSecurityConfig::toSignIn)
                        .accessDeniedHandler(denied))
                .authorizeHttpRequests(requests -> requests
                        // Streams' async dispatches, error pages, and the forward to the "not allowed" page
                        // belong to a request these rules already judged.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR, DispatcherType.FORWARD)
                                .permitAll()
                        .requestMatchers(OPEN).permitAll()
                        .requestMatchers("/admin/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/class", "/class/**").hasAnyRole(Role.ADMIN.name(), Role.TEACHER.name())
                        .anyRequest().hasAnyRole(Role.ADMIN.name(), Role.TEACHER.name(), Role.STUDENT.name()));
        return http.build();
    }

    /** Signed out: the sign-in page (saying why when the session's token stopped working); a stream gets a 401. */
    private static void toSignIn(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE)) {
            response.sendError(HttpStatus.UNAUTHORIZED.value());
            return;
        }
        boolean ended = request.getAttribute(PageSessionRepository.ENDED) != null;
        response.sendRedirect(request.getContextPath() + "/signin" + (ended ? "?ended" : ""));
    }

    private static void signInFailed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.sendRedirect(request.getContextPath() + "/signin?error=" + (e instanceof DisabledException ? "role" : "token"));
    }
}
