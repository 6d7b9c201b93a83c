package org.concurrencylab.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.concurrencylab.experiment.SubmitAllowance;
import org.concurrencylab.experiment.SubmitRateLimiter;
import org.concurrencylab.security.CurrentUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every submit (an experiment or a study) takes one unit from its user's rate budget before the
 * controller runs, and answers with the IETF httpapi ratelimit-headers fields saying what is left;
 * past the budget the limiter throws and {@link ProblemAdvice} answers 429 with the same fields.
 */
@Configuration
class SubmitRateInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    /** The name of the one quota policy in the headers. */
    static final String POLICY = "submits";

    /*
     * Looked up per request: @WebMvcTest slices pick this up as a WebMvcConfigurer but have no
     * database, hence no limiter, and test their controllers without a rate; the whole
     * application always has one.
     */
    private final ObjectProvider<SubmitRateLimiter> limiter;

    SubmitRateInterceptor(ObjectProvider<SubmitRateLimiter> limiter) {
        this.limiter = limiter;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/experiments", "/api/v1/studies");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // The method first: the limiter's lookup in the bean factory cost reads a few percent.
        if (!"POST".equals(request.getMethod())) {
            return true;
        }
        SubmitRateLimiter rate = limiter.getIfAvailable();
        if (rate == null) {
            return true;
        }
        CurrentUser.ofThisThread().ifPresent(user -> {
            SubmitAllowance allowance = rate.tryAcquire(user.id());
            HttpHeaders headers = headers(allowance);
            headers.forEach((name, values) -> values.forEach(value -> response.setHeader(name, value)));
        });
        return true;
    }

    /** {@code RateLimit-Policy: "submits";q=60;w=60} and {@code RateLimit: "submits";r=59;t=1}. */
    static HttpHeaders headers(SubmitAllowance allowance) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("RateLimit-Policy", "\"" + POLICY + "\";q=" + allowance.limit() + ";w="
                + allowance.window().toSeconds());
        headers.set("RateLimit", "\"" + POLICY + "\";r=" + allowance.remaining() + ";t=" + ceilSeconds(allowance.reset()));
        return headers;
    }

    static long ceilSeconds(Duration duration) {
        return (duration.toNanos() + 999_999_999L) / 1_000_000_000L;
    }
}
