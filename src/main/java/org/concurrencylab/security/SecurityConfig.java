package org.concurrencylab.security;

import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. The API takes bearer tokens and keeps no session; health and the API
 * documentation are open to anyone; Prometheus is for admins and the METRICS role; nothing else of
 * the actuator is reachable. Everything refused is problem+json.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

    static final String[] OPEN_DOCS = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    @Bean
    SecurityFilterChain api(HttpSecurity http, UserAccounts accounts, CurrentUser current, JsonMapper json,
            LabSecurityProperties security, BodyLimitProperties limits) {
        ProblemWriter problems = new ProblemWriter(json);
        RequestAttributeSecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
        http
                .securityContext(context -> context.securityContextRepository(contexts))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // CSRF protects cookie-borne credentials; a bearer token is never sent by a browser on its own.
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .cors(cors -> {
                    if (security.corsAllowedOrigins().isEmpty()) {
                        cors.disable();
                    } else {
                        cors.configurationSource(corsSource(security.corsAllowedOrigins()));
                    }
                })
                // First, so that an outage met by any filter after it (the token lookup) is a 503.
                .addFilterBefore(new OutageFilter(problems), DisableEncodeUrlFilter.class)
                .addFilterBefore(new BodySizeFilter(limits.maxRequestBytes().toBytes(), problems),
                        SecurityContextHolderFilter.class)
                .addFilterBefore(new BearerTokenFilter(accounts, contexts), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new AuditFilter(current, "/api/"), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .authorizeHttpRequests(requests -> requests
                        // A stream's async dispatches and error pages belong to a request already authorized.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        .requestMatchers(EndpointRequest.to("prometheus")).hasAnyRole(Role.ADMIN.name(), Role.METRICS.name())
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).denyAll()
                        .requestMatchers(HttpMethod.GET, OPEN_DOCS).permitAll()
                        .requestMatchers("/api/v1/me").authenticated()
                        .requestMatchers("/api/v1/users", "/api/v1/users/**")
                                .hasAnyRole(Role.ADMIN.name(), Role.TEACHER.name())
                        .requestMatchers("/api/**")
                                .hasAnyRole(Role.ADMIN.name(), Role.TEACHER.name(), Role.STUDENT.name())
                        .anyRequest().authenticated());
        return http.build();
    }

    private static UrlBasedCorsConfigurationSource corsSource(List<String> origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "POST", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Last-Event-ID"));
        cors.setExposedHeaders(
                List.of("Location", "Retry-After", "WWW-Authenticate", "RateLimit", "RateLimit-Policy"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
