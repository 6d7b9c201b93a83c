package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** What every problem the API answers with must be, as the web slices check it. */
final class Problems {

    private Problems() {}

    /** An RFC 9457 problem with this status and title that gives away nothing of the server's insides. */
    static void assertProblem(MvcTestResult result, HttpStatus status, String title) {
        assertThat(result).hasStatus(status).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.status").asNumber().isEqualTo(status.value());
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo(title);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().isNotBlank();
        assertThat(result).bodyText().doesNotContain("Exception", "org.concurrencylab", "org.springframework",
                "java.", "tools.jackson", "\tat ", "trace");
    }

    /** A 400 naming exactly these fields, in order, in {@code errors} and in {@code detail}. */
    static void assertInvalid(MvcTestResult result, String... fields) {
        assertProblem(result, HttpStatus.BAD_REQUEST, "Invalid request");
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("/problems/invalid-request");
        assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly((Object[]) fields);
        assertThat(result).bodyJson().extractingPath("$.errors[*].message").asArray().allSatisfy(
                message -> assertThat(message).asString().isNotBlank());
        for (String field : fields) {
            assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(field + ": ");
        }
    }
}
