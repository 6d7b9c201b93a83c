package org.concurrencylab.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The published contract's header, and the problem+json answers every operation can give. A
 * relative server URL keeps the served document equal to openapi.yaml on any host and port.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static {
        // An SseEmitter is how a controller streams, not what the client reads: text, as event-stream lines.
        SpringDocUtils.getConfig().replaceWithSchema(SseEmitter.class, new StringSchema());
    }

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    static final String BEARER = "bearer";

    @Bean
    OpenAPI labOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Concurrency Lab API")
                        .version("v1")
                        .description("Run concurrency experiments (an execution model applied to a workload) and get "
                                + "measured, stored results back. Errors are RFC 9457 application/problem+json.")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .servers(List.of(new Server().url("/").description("This server")))
                // Every operation takes a bearer token; Swagger UI shows an Authorize button for it.
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("A lab token: `Authorization: Bearer <token>`. The first admin's is in "
                                + "./data/admin-token (or lab.security.bootstrap-token); admins and teachers make more "
                                + "with POST /api/v1/users.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * Documents the errors the lab answers with, per operation, with one shared Problem schema: derived
     * from the path, the method and what the operation takes, so a new route gets its 4xx answers
     * without repeating them. A status an operation already declares (in its annotations) keeps its
     * description; every 4xx is problem+json, whatever the route produces when it succeeds.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas("Problem", problemSchema());
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                if (!path.startsWith("/api/")) {
                    return;
                }
                boolean users = path.startsWith("/api/v1/users");
                boolean takesInput = operation.getRequestBody() != null
                        || (operation.getParameters() != null && operation.getParameters().stream()
                                .anyMatch(p -> !"path".equals(p.getIn())));
                problem(operation, "401", "No token, or an unknown or revoked one (with a WWW-Authenticate: Bearer challenge).");
                // SecurityConfig: /api/v1/me takes any token; the users routes admins and teachers; the rest of
                // /api/** the three people roles, so a METRICS token is refused there.
                // Cancelling or sharing (PATCH) an experiment or a study is its owner's, the owner's teacher's or
                // an admin's: a user it is only shared with reads it but gets 403 here.
                boolean changesWork = !users && path.contains("{id}")
                        && (path.endsWith("/cancel") || method == PathItem.HttpMethod.PATCH);
                if (!path.equals("/api/v1/me")) {
                    problem(operation, "403", users
                            ? "Only admins and teachers manage users; a teacher makes only students."
                            : changesWork
                                    ? "Shared with you to read; only its owner, the owner's teacher or an admin may "
                                            + "change it (and a METRICS token may not use the API)."
                                    : "This token's role may not use the API (a METRICS token reads only "
                                            + "/actuator/prometheus).");
                }
                if (operation.getRequestBody() != null) {
                    problem(operation, "413", "The request body is larger than lab.limits.max-request-bytes.");
                }
                if (takesInput) {
                    problem(operation, "400", "Invalid request: `errors` names each field and what is allowed.");
                }
                if (path.contains("{id}")) {
                    problem(operation, "404", notFound(path));
                }
                if (path.startsWith("/api/v1/experiments/") && path.endsWith("/cancel")) {
                    problem(operation, "409", "The experiment had already finished.");
                }
                if (method == PathItem.HttpMethod.POST && SUBMITS.contains(path)) {
                    problem(operation, "429", "Nothing is stored: the queue has no room for it, or you already have "
                            + "as many experiments queued or running as lab.limits.per-user.queued allows (a study "
                            + "counts its cells), or you submitted more often than "
                            + "lab.limits.per-user.submits-per-minute allows (the RateLimit headers say what is "
                            + "left); the detail says which. Retry after the Retry-After seconds.");
                    // Every answer past authentication (and the body size check) says what is left of the
                    // user's submit budget: web.SubmitRateInterceptor sets the headers.
                    operation.getResponses().forEach((status, response) -> {
                        if (status.startsWith("2") || status.equals("400") || status.equals("429")) {
                            rateLimitHeaders(response);
                        }
                    });
                }
                if (succeedsWith(operation, org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE)) {
                    problem(operation, "429", "Too many open event streams, on this node (lab.streams.max-open) or "
                            + "for you (lab.streams.max-open-per-user); retry after the Retry-After seconds.");
                }
                // Every API call needs the database, if only for its token (database.DatabaseOutage).
                problem(operation, "503", "The database did not answer within lab.database.timeout: nothing that "
                        + "needs it was done. Retry after the Retry-After seconds.");
                operation.getResponses().forEach((status, response) -> {
                    if (status.startsWith("4") || status.startsWith("5")) {
                        response.content(problemContent());
                    }
                    if ((status.equals("429") || status.equals("503")) && (response.getHeaders() == null
                            || !response.getHeaders().containsKey("Retry-After"))) {
                        response.addHeaderObject("Retry-After", new Header()
                                .description("Seconds to wait before trying again").schema(new IntegerSchema()));
                    }
                });
            }));
        };
    }

    /** The IETF httpapi ratelimit-headers fields (web.SubmitRateInterceptor sets them). */
    private static ApiResponse rateLimitHeaders(ApiResponse response) {
        return response
                .addHeaderObject("RateLimit-Policy", new Header()
                        .description("The submit quota policy: q submits per w seconds per user, e.g. "
                                + "\"submits\";q=60;w=60 (lab.limits.per-user.submits-per-minute)")
                        .schema(new StringSchema()))
                .addHeaderObject("RateLimit", new Header()
                        .description("What is left of it: r submits remaining, t seconds until the budget is "
                                + "whole again, e.g. \"submits\";r=59;t=1")
                        .schema(new StringSchema()));
    }

    /** The submits a full queue refuses: experiments, and studies (all their cells or none). */
    private static final Set<String> SUBMITS = Set.of("/api/v1/experiments", "/api/v1/studies");

    /**
     * In the words of ProblemAdvice's titles: Experiment, Study or User not found. Another user's work
     * that you may not see answers exactly like an id that does not exist.
     */
    private static String notFound(String path) {
        if (path.startsWith("/api/v1/users/")) {
            return "User not found: no user with this id that you manage.";
        }
        if (path.startsWith("/api/v1/studies/")) {
            return "Study not found: no study with this id that you may see (another user's answers "
                    + "exactly like none).";
        }
        return "Experiment not found: no experiment with this id that you may see (another user's "
                + "answers exactly like none).";
    }

    private static boolean succeedsWith(Operation operation, String mediaType) {
        ApiResponse ok = operation.getResponses().get("200");
        return ok != null && ok.getContent() != null && ok.getContent().containsKey(mediaType);
    }

    /** Adds the answer unless the operation declares that status itself. */
    private static void problem(Operation operation, String status, String description) {
        if (!operation.getResponses().containsKey(status)) {
            operation.getResponses().addApiResponse(status, new ApiResponse().description(description));
        }
    }

    private static Content problemContent() {
        return new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Schema<?> violation = new ObjectSchema()
                .addProperty("field", new StringSchema().example("parallelism"))
                .addProperty("message", new StringSchema().example("must be between 1 and 16 for PROCESSES, was 99"));
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .properties(Map.of(
                        "type", new StringSchema().example("/problems/invalid-request"),
                        "title", new StringSchema().example("Invalid request"),
                        "status", new IntegerSchema().example(400),
                        "detail", new StringSchema().example("parallelism: must be between 1 and 16 for PROCESSES, was 99"),
                        "instance", new StringSchema().example("/api/v1/experiments"),
                        "errors", new ArraySchema().items(violation)));
    }
}
