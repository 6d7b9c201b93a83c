package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concurrencylab.web.Problems.assertInvalid;
import static org.concurrencylab.web.Problems.assertProblem;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.concurrencylab.core.InvalidRequestException;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.ExperimentConflictException;
import org.concurrencylab.experiment.ExperimentNotFoundException;
import org.concurrencylab.experiment.ExperimentStatus;
import org.concurrencylab.experiment.InvalidSpecException;
import org.concurrencylab.experiment.QueueFullException;
import org.concurrencylab.stream.StreamFailures;
import org.concurrencylab.study.StudyFailures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The advice on its own, through a controller that throws each exception it handles: every answer
 * is problem+json with a title and a detail, a 400 names its fields, a 429 says when to come back,
 * and a 500 says only that something went wrong.
 */
@WebMvcTest(ProblemAdviceSliceTest.Thrower.class)
@Import(ProblemAdviceSliceTest.Thrower.class)
@ExtendWith(OutputCaptureExtension.class)
class ProblemAdviceSliceTest {

    /** A secret no response may leak: it stands for a stack trace, a path or a connection string. */
    static final String SECRET = "jdbc:postgresql://db.internal/lab?password=hunter2";

    record Body(@NotNull(message = "is required") String name, @Min(value = 1, message = "must be at least 1") int size,
            ExecutionModel model) {}

    @RestController
    @RequestMapping(path = "/throw", produces = MediaType.APPLICATION_JSON_VALUE)
    static class Thrower {

        @GetMapping("/invalid-spec")
        String invalidSpec() {
            throw new InvalidSpecException(List.of(new InvalidRequestException.Violation("parallelism", "must be 1 to 16"),
                    new InvalidRequestException.Violation("workload.params.size", "must be at most 1000000")));
        }

        @GetMapping("/experiment-not-found")
        String experimentNotFound() {
            throw ExperimentNotFoundException.forId("e-404");
        }

        @GetMapping("/study-not-found")
        String studyNotFound() {
            throw StudyFailures.notFound("s-404");
        }

        @GetMapping("/conflict")
        String conflict() {
            throw ExperimentConflictException.cannotCancel("e-409", ExperimentStatus.FAILED);
        }

        @GetMapping("/queue-full")
        String queueFull(@RequestParam long retryAfterMillis) {
            throw QueueFullException.withCapacity(100, Duration.ofMillis(retryAfterMillis));
        }

        @GetMapping("/too-many-streams")
        String tooManyStreams() {
            throw StreamFailures.atLimit(1000, Duration.ofSeconds(5));
        }

        @GetMapping("/shutting-down")
        String shuttingDown() {
            throw StreamFailures.shuttingDown(Duration.ofSeconds(2));
        }

        @GetMapping("/bug")
        String bug() {
            throw new IllegalStateException("could not reach " + SECRET);
        }

        @GetMapping("/null")
        String nullPointer() {
            String missing = null;
            return missing.trim();
        }

        @GetMapping("/typed/{count}")
        String typed(@PathVariable int count, @RequestParam(required = false) ExecutionModel model) {
            return "ok";
        }

        @GetMapping("/bounded")
        String bounded(@RequestParam @Min(0) @Max(60) int seconds) {
            return "ok";
        }

        @PostMapping(path = "/body", consumes = MediaType.APPLICATION_JSON_VALUE)
        String body(@Valid @RequestBody Body body) {
            return "ok";
        }
    }

    @Autowired
    MockMvcTester mvc;

    @Test
    void theSpecValidatorsViolationsBecomeA400WithEveryField() {
        MvcTestResult result = mvc.get().uri("/throw/invalid-spec").exchange();

        assertInvalid(result, "parallelism", "workload.params.size");
        assertThat(result).bodyJson().extractingPath("$.detail")
                .isEqualTo("parallelism: must be 1 to 16; workload.params.size: must be at most 1000000");
        assertThat(result).bodyJson().extractingPath("$.errors[0].message").isEqualTo("must be 1 to 16");
    }

    @Test
    void whatDoesNotExistIsA404NamingIt() {
        MvcTestResult experiment = mvc.get().uri("/throw/experiment-not-found").exchange();
        MvcTestResult study = mvc.get().uri("/throw/study-not-found").exchange();

        assertProblem(experiment, HttpStatus.NOT_FOUND, "Experiment not found");
        assertThat(experiment).bodyJson().extractingPath("$.detail").isEqualTo("no experiment with id 'e-404'");
        assertProblem(study, HttpStatus.NOT_FOUND, "Study not found");
        assertThat(study).bodyJson().extractingPath("$.detail").isEqualTo("no study with id 's-404'");
    }

    @Test
    void aRequestTheStatusForbidsIsA409SayingTheStatus() {
        MvcTestResult result = mvc.get().uri("/throw/conflict").exchange();

        assertProblem(result, HttpStatus.CONFLICT, "Not possible in the experiment's current status");
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("already FAILED");
    }

    /** Retry-After in whole seconds, never 0: a client told to retry after 0 s would hammer the server. */
    @ParameterizedTest(name = "{0} ms -> {1} s")
    @CsvSource({"30000, 30", "1500, 1", "200, 1", "0, 1"})
    void aFullQueueIsA429WithRetryAfterInWholeSeconds(long millis, String seconds) {
        MvcTestResult result = mvc.get().uri("/throw/queue-full?retryAfterMillis=" + millis).exchange();

        assertProblem(result, HttpStatus.TOO_MANY_REQUESTS, "Queue full");
        assertThat(result).hasHeader("Retry-After", seconds);
    }

    @Test
    void tooManyStreamsIsA429WithRetryAfterToo() {
        MvcTestResult atLimit = mvc.get().uri("/throw/too-many-streams").exchange();
        MvcTestResult closing = mvc.get().uri("/throw/shutting-down").exchange();

        assertProblem(atLimit, HttpStatus.TOO_MANY_REQUESTS, "Too many event streams");
        assertThat(atLimit).hasHeader("Retry-After", "5");
        assertThat(atLimit).bodyJson().extractingPath("$.detail").asString().contains("1000");
        assertProblem(closing, HttpStatus.TOO_MANY_REQUESTS, "Too many event streams");
        assertThat(closing).hasHeader("Retry-After", "2");
    }

    @Test
    void anUnexpectedErrorIsA500ThatSaysOnlyTheGenericText(CapturedOutput log) {
        for (String path : List.of("/throw/bug", "/throw/null")) {
            MvcTestResult result = mvc.get().uri(path).exchange();

            assertProblem(result, HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");
            assertThat(result).bodyJson().extractingPath("$.detail")
                    .isEqualTo("the lab hit an internal error; the server log has the details");
            assertThat(result).bodyText().doesNotContain(SECRET, "hunter2", "IllegalState", "NullPointer", "trim");
            assertThat(result).bodyJson().doesNotHavePath("$.errors");
        }
        // The details go to the log, where an operator finds them.
        assertThat(log.getAll()).contains("unexpected error answering a request", SECRET);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/throw/typed/three| count| must be a value of type whole number, was 'three'",
        "/throw/typed/3?model=GREEN| model| must be one of SEQUENTIAL, THREADS, VIRTUAL_THREADS",
        "/throw/bounded?seconds=61| seconds| ",
        "/throw/bounded?seconds=-1| seconds| "})
    void aBadPathOrQueryValueIsA400NamingTheParameter(String uri, String field, String words) {
        MvcTestResult result = mvc.get().uri(uri).exchange();

        assertInvalid(result, field);
        if (words != null) {
            assertThat(result).bodyJson().extractingPath("$.errors[0].message").asString().contains(words);
        }
    }

    /** Body -> the fields the problem names, and words the first message holds. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"size\": 1}| name| is required",
        "{\"name\": \"a\", \"size\": 0}| size| must be at least 1",
        "{\"name\": \"a\", \"size\": \"big\"}| size| must be a whole number",
        "{\"name\": \"a\", \"size\": 1, \"model\": \"GREEN\"}| model| must be one of SEQUENTIAL, THREADS",
        "{\"name\": \"a\", \"size\": 3000000000}| size| must be a whole number within the allowed range",
        "{\"name\": \"a\", \"size\": 1, \"colour\": \"red\"}| colour| unknown field",
        "{\"name\": | body| malformed JSON at line 1, column ",
        "| body| a JSON experiment spec is required"})
    void aBodyThatCannotBeReadOrIsInvalidIsA400NamingTheField(String body, String field, String words) {
        MvcTestResult result = mvc.post().uri("/throw/body").contentType(MediaType.APPLICATION_JSON)
                .content(body == null ? "" : body).exchange();

        assertInvalid(result, field);
        assertThat(result).bodyJson().extractingPath("$.errors[0].message").asString().contains(words);
    }

    @Test
    void everyViolationOfABodyIsListed() {
        MvcTestResult result = mvc.post().uri("/throw/body").contentType(MediaType.APPLICATION_JSON)
                .content("{\"size\": 0}").exchange();

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("name", "size");
    }

    /** What Spring MVC itself refuses is problem+json too, with Spring's own status and title. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "DELETE, /throw/bug, 405, Method Not Allowed",
        "GET, /throw/no-such-endpoint, 404, Not Found",
        "GET, /throw/bounded, 400, Bad Request"})
    void whatTheFrameworkRefusesIsAProblemToo(String method, String uri, int status, String title) {
        MvcTestResult result = mvc.method(HttpMethod.valueOf(method)).uri(uri).exchange();

        assertProblem(result, HttpStatus.valueOf(status), title);
    }

    @Test
    void aBodyOfTheWrongMediaTypeIsA415Problem() {
        MvcTestResult result = mvc.post().uri("/throw/body").contentType(MediaType.TEXT_PLAIN).content("name=a")
                .exchange();

        assertProblem(result, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type");
    }
}
