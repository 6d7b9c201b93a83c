package org.concurrencylab.web;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.concurrencylab.database.DatabaseOutage;
import org.concurrencylab.experiment.ExperimentConflictException;
import org.concurrencylab.experiment.ExperimentNotFoundException;
import org.concurrencylab.core.InvalidRequestException;
import org.concurrencylab.core.InvalidRequestException.Violation;
import org.concurrencylab.experiment.QueueFullException;
import org.concurrencylab.experiment.SubmitRateExceededException;
import org.concurrencylab.security.RequestBodyTooLargeException;
import org.concurrencylab.security.UserNameTakenException;
import org.concurrencylab.security.UserNotFoundException;
import org.concurrencylab.stream.TooManyStreamsException;
import org.concurrencylab.study.StudyNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Every error as RFC 9457 problem+json. A 400 always says which field was wrong and what is
 * allowed, in {@code detail} and as a list in {@code errors}; no response ever carries a stack
 * trace or a Java class name.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final URI INVALID_REQUEST = URI.create("/problems/invalid-request");

    /** A problem whose detail is the exception's own message, written for users by its factory. */
    private static ProblemDetail problem(HttpStatus status, String title, Exception e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(title);
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalidRequest(InvalidRequestException e) {
        return invalid(e.violations());
    }

    @ExceptionHandler
    ProblemDetail notFound(ExperimentNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Experiment not found", e);
    }

    @ExceptionHandler
    ProblemDetail studyNotFound(StudyNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Study not found", e);
    }

    @ExceptionHandler
    ProblemDetail userNotFound(UserNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "User not found", e);
    }

    @ExceptionHandler
    ProblemDetail nameTaken(UserNameTakenException e) {
        return problem(HttpStatus.CONFLICT, "Name taken", e);
    }

    /** A signed-in user without the right (a check inside a service, or method security). */
    @ExceptionHandler
    ProblemDetail forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unauthorized(AuthenticationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "send a token: Authorization: Bearer <token>");
        problem.setTitle("Unauthorized");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler
    ProblemDetail conflict(ExperimentConflictException e) {
        return problem(HttpStatus.CONFLICT, "Not possible in the experiment's current status", e);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> queueFull(QueueFullException e) {
        return tooMany("Queue full", e.getMessage(), e.retryAfter());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> submitRate(SubmitRateExceededException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        problem.setTitle("Too many submits");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .headers(SubmitRateInterceptor.headers(e.allowance()))
                .header(HttpHeaders.RETRY_AFTER,
                        Long.toString(Math.max(1, SubmitRateInterceptor.ceilSeconds(e.allowance().retryAfter()))))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooManyStreams(TooManyStreamsException e) {
        return tooMany("Too many event streams", e.getMessage(), e.retryAfter());
    }

    /** 429 with Retry-After in whole seconds, at least 1. */
    private static ResponseEntity<ProblemDetail> tooMany(String title, String detail, java.time.Duration retryAfter) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, detail);
        problem.setTitle(title);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String allowed = type != null && type.isEnum()
                ? "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "))
                : "a value of type " + (type == null ? "?" : simpleTypeName(type));
        return invalid(List.of(new Violation(e.getName(), "must be " + allowed + ", was '" + e.getValue() + "'")));
    }

    /**
     * The last resort. A database that did not answer (the exception may come wrapped, from any
     * layer) is 503 with {@code Retry-After}, not a bug of the lab's: the request may succeed in
     * seconds.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseOutage.isCause(e)) {
            LOG.warn("database unavailable while answering a request: {}", e.toString());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DatabaseOutage.DETAIL);
            problem.setTitle("Database unavailable");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseOutage.RETRY_AFTER.toSeconds()))
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        LOG.error("unexpected error answering a request", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the lab hit an internal error; the server log has the details");
        problem.setTitle("Internal error");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Violation> violations = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new Violation(error.getField(), messageOf(error)))
                .toList();
        return ResponseEntity.badRequest().body(invalid(violations));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // A body checked by method validation reports its fields through ParameterErrors.
        List<Violation> violations = e.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors errors
                        ? errors.getFieldErrors().stream().map(error -> new Violation(error.getField(), messageOf(error)))
                        : result.getResolvableErrors().stream()
                                .map(error -> new Violation(result.getMethodParameter().getParameterName(), messageOf(error))))
                .toList();
        return ResponseEntity.badRequest().body(invalid(violations));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                        "the request body may be at most " + tooLarge.limit() + " bytes (lab.limits.max-request-bytes)");
                problem.setTitle("Request body too large");
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
            }
        }
        return ResponseEntity.badRequest().body(invalid(List.of(unreadable(e))));
    }

    /** Turns Jackson's complaint into a field and a plain sentence, without class names. */
    private static Violation unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof PropertyBindingException unknown) {
            String field = path(unknown, unknown.getPropertyName());
            String known = unknown.getKnownPropertyIds() == null ? "" : "; allowed: "
                    + unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            return new Violation(field, "unknown field" + known);
        }
        if (cause instanceof MismatchedInputException mismatch) {
            Class<?> target = mismatch.getTargetType();
            String expected = target != null && target.isEnum()
                    ? "one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString)
                            .collect(Collectors.joining(", "))
                    : "a " + (target == null ? "value of another type" : simpleTypeName(target));
            return new Violation(path(mismatch, null), "must be " + expected);
        }
        if (cause instanceof InputCoercionException outOfRange && !outOfRange.getPath().isEmpty()) {
            return new Violation(path(outOfRange, null), "must be a whole number within the allowed range");
        }
        if (cause instanceof StreamReadException malformed && malformed.getLocation() != null) {
            return new Violation("body", "malformed JSON at line " + malformed.getLocation().getLineNr()
                    + ", column " + malformed.getLocation().getColumnNr());
        }
        if (cause instanceof JacksonException jackson) {
            return new Violation(path(jackson, "body"), "could not be read as JSON of the expected shape");
        }
        return new Violation("body", "a JSON experiment spec is required");
    }

    private static String path(JacksonException e, String fallback) {
        String path = e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? (fallback == null ? "body" : fallback) : path;
    }

    /** What a JSON user calls the type: numbers, text, true/false, objects. */
    private static String simpleTypeName(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean (true or false)";
        }
        if (type == String.class) {
            return "string";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "JSON object";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "JSON array";
        }
        return "JSON object";
    }

    private static String messageOf(MessageSourceResolvable error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static ProblemDetail invalid(List<Violation> violations) {
        String detail = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(INVALID_REQUEST);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", violations);
        return problem;
    }
}
