package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concurrencylab.web.Problems.assertProblem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.time.Duration;
import org.concurrencylab.experiment.ExperimentNotFoundException;
import org.concurrencylab.stream.StreamFailures;
import org.concurrencylab.security.CurrentUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** An experiment's event stream over HTTP: a stream when it can be opened, a problem (never a stream) when not. */
@WebMvcTest(ExperimentEventsController.class)
class ExperimentEventsControllerSliceTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    ExperimentStreams streams;

    @MockitoBean
    CurrentUser user;

    @Test
    void anExperimentsEventsAreAServerSentEventStream() throws IOException {
        SseEmitter emitter = new SseEmitter();
        emitter.send(SseEmitter.event().id("0").name("status").data("{\"status\":\"RUNNING\"}"));
        emitter.send(SseEmitter.event().id("1").name("progress").data("{\"done\":1,\"total\":2}"));
        emitter.complete();
        when(streams.subscribe(eq("e-1"), any())).thenReturn(emitter);

        MvcTestResult result = mvc.get().uri("/api/v1/experiments/e-1/events").accept(MediaType.TEXT_EVENT_STREAM)
                .exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM);
        assertThat(result).bodyText().containsSubsequence("id:0", "event:status", "data:{\"status\":\"RUNNING\"}",
                "id:1", "event:progress", "data:{\"done\":1,\"total\":2}");
    }

    /** With or without an Accept header, as a browser's EventSource and as curl ask. */
    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {"*/*", "text/event-stream, application/problem+json"})
    void anUnknownExperimentIsA404ProblemNotAStream(String accept) {
        when(streams.subscribe(eq("nope"), any())).thenThrow(ExperimentNotFoundException.forId("nope"));

        MvcTestResult result = mvc.get().uri("/api/v1/experiments/nope/events").header("Accept", accept).exchange();

        assertProblem(result, HttpStatus.NOT_FOUND, "Experiment not found");
    }

    @Test
    void aNodeAtItsStreamLimitAnswers429WithRetryAfter() {
        when(streams.subscribe(eq("e-2"), any())).thenThrow(StreamFailures.atLimit(1000, Duration.ofSeconds(10)));

        MvcTestResult result = mvc.get().uri("/api/v1/experiments/e-2/events").exchange();

        assertProblem(result, HttpStatus.TOO_MANY_REQUESTS, "Too many event streams");
        assertThat(result).hasHeader("Retry-After", "10");
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("1000 open event streams");
    }
}
