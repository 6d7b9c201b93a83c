package org.concurrencylab.ui;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import org.concurrencylab.core.InvalidRequestException;
import org.concurrencylab.core.InvalidRequestException.Violation;
import org.concurrencylab.experiment.ExperimentConflictException;
import org.concurrencylab.experiment.ExperimentNotFoundException;
import org.concurrencylab.experiment.QueueFullException;
import org.concurrencylab.experiment.SubmitRateExceededException;
import org.concurrencylab.security.CurrentUser;
import org.concurrencylab.security.LabUser;
import org.concurrencylab.security.UserNameTakenException;
import org.concurrencylab.security.UserNotFoundException;
import org.concurrencylab.stream.TooManyStreamsException;
import org.concurrencylab.study.StudyNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page knows (the signed-in user), and errors as pages rather than problem+json: the
 * API's advice answers JSON, these are people. Work that is not yours, or missing, is the same
 * "not found" page. Never a stack trace.
 */
@ControllerAdvice(basePackageClasses = PageAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageAdvice {

    private static final Logger LOG = LoggerFactory.getLogger(PageAdvice.class);


    private final PageText text = new PageText();

    @ModelAttribute("me")
    LabUser me() {
        // Read from the request's thread rather than injected: @WebMvcTest slices of the API's controllers
        // pick this advice up too, without the beans of the whole application.
        return CurrentUser.ofThisThread().orElse(null);
    }

    @ModelAttribute("text")
    PageText text() {
        return text;
    }

    @ExceptionHandler({ExperimentNotFoundException.class, StudyNotFoundException.class, UserNotFoundException.class,
        MissingPageException.class})
    String notFound(HttpServletResponse response, Model model) {
        return page(response, model, HttpStatus.NOT_FOUND, "Not found",
                "There is nothing here, or it is not yours to see.");
    }

    @ExceptionHandler
    String forbidden(AccessDeniedException e, HttpServletResponse response, Model model) {
        return page(response, model, HttpStatus.FORBIDDEN, "Not allowed", e.getMessage());
    }

    @ExceptionHandler
    String invalid(InvalidRequestException e, HttpServletResponse response, Model model) {
        model.addAttribute("violations", e.violations());
        return page(response, model, HttpStatus.BAD_REQUEST, "Not possible", "The lab refused it:");
    }

    @ExceptionHandler({ExperimentConflictException.class, UserNameTakenException.class})
    String conflict(RuntimeException e, HttpServletResponse response, Model model) {
        return page(response, model, HttpStatus.CONFLICT, "Not possible now", e.getMessage());
    }

    @ExceptionHandler
    String queueFull(QueueFullException e, HttpServletResponse response, Model model) {
        return tooMany(response, model, "Queue full", e.getMessage(), e.retryAfter());
    }

    @ExceptionHandler
    String submitRate(SubmitRateExceededException e, HttpServletResponse response, Model model) {
        return tooMany(response, model, "Too many submits", e.getMessage(), e.allowance().retryAfter());
    }

    @ExceptionHandler
    String tooManyStreams(TooManyStreamsException e, HttpServletResponse response, Model model) {
        return tooMany(response, model, "Too many live pages", e.getMessage(), e.retryAfter());
    }

    /** 429 with Retry-After in whole seconds, at least 1, as the API answers. */
    private String tooMany(HttpServletResponse response, Model model, String title, String detail,
            Duration retryAfter) {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        return page(response, model, HttpStatus.TOO_MANY_REQUESTS, title, detail);
    }

    /** Spring MVC's own refusals (a missing or malformed parameter, an unknown path) keep their status, in plain words. */
    @ExceptionHandler
    String unexpected(Exception e, HttpServletResponse response, Model model) {
        HttpStatus status = e instanceof ErrorResponse refusal ? HttpStatus.resolve(refusal.getStatusCode().value())
                : e instanceof TypeMismatchException ? HttpStatus.BAD_REQUEST : null;
        if (status == HttpStatus.NOT_FOUND) {
            return notFound(response, model);
        }
        if (status != null && status.is4xxClientError()) {
            return page(response, model, status, status.getReasonPhrase(), "The request was not one this page takes.");
        }
        LOG.error("unexpected error rendering a page", e);
        return page(response, model, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
                "The lab hit an internal error; the server log has the details.");
    }

    /**
     * An error page from an exception handler, whose model the {@code @ModelAttribute} methods do not
     * fill: what every page knows is added here.
     */
    private String page(HttpServletResponse response, Model model, HttpStatus status, String title, String detail) {
        model.addAttribute("me", me());
        model.addAttribute("text", text);
        return error(response, model, status, title, detail);
    }

    static String error(HttpServletResponse response, Model model, HttpStatus status, String title, String detail) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("title", title);
        model.addAttribute("detail", detail);
        if (!model.containsAttribute("violations")) {
            model.addAttribute("violations", List.<Violation>of());
        }
        return "error/page";
    }
}
