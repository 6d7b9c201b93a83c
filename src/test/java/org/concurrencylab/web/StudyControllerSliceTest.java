package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concurrencylab.web.Problems.assertInvalid;
import static org.concurrencylab.web.Problems.assertProblem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.ExperimentStatus;
import org.concurrencylab.experiment.InvalidSpecException;
import org.concurrencylab.experiment.QueueFullException;
import org.concurrencylab.stream.StreamFailures;
import org.concurrencylab.study.StudyFailures;
import org.concurrencylab.study.StudyFilter;
import org.concurrencylab.study.StudyPage;
import org.concurrencylab.study.StudyReport;
import org.concurrencylab.study.StudyService;
import org.concurrencylab.study.StudySpec;
import org.concurrencylab.study.StudyStatus;
import org.concurrencylab.security.CurrentUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The studies API over HTTP with the service and the streams mocked at their edge. */
@WebMvcTest(StudyController.class)
class StudyControllerSliceTest {

    private static final String SPEC = """
            {"name": "sleep scaling", "workload": {"kind": "io.sleep", "params": {"millis": 5}},
             "models": ["THREADS", "GIL"], "parallelism": [1, 2]}""";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    StudyService studies;

    @MockitoBean
    StudyStreams streams;

    @MockitoBean
    CurrentUser user;

    private static StudyReport report(String id, StudyStatus status) {
        List<StudyReport.Row> table = List.of(
                new StudyReport.Row(ExecutionModel.THREADS, 1, null, 8, "e-1", ExperimentStatus.SUCCEEDED, 20.5,
                        390.2, 20.1, 0.98, 0.95, 1.01, 0.98, null, null),
                new StudyReport.Row(ExecutionModel.THREADS, 2, null, 8, "e-2", ExperimentStatus.QUEUED, null, null,
                        null, null, null, null, null, null, null));
        return new StudyReport(id, "sleep scaling", status, false, Instant.parse("2026-01-01T10:00:00Z"),
                new StudyReport.Progress(1, 2), "io.sleep", Map.of("millis", 5L), List.of(ExecutionModel.THREADS),
                List.of(1, 2), StudySpec.Scaling.STRONG, null, table, List.of(), null, null, false);
    }

    private MvcTestResult submit(String body) {
        return mvc.post().uri("/api/v1/studies").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    @Test
    void aSubmittedStudyIsQueuedWith202AndALocation() {
        when(studies.submit(any(), any())).thenReturn(report("s-1", StudyStatus.QUEUED));

        MvcTestResult result = submit(SPEC);

        assertThat(result).hasStatus(HttpStatus.ACCEPTED).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .hasHeader("Location", "http://localhost/api/v1/studies/s-1");
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("QUEUED");
        assertThat(result).bodyJson().extractingPath("$.progress.total").asNumber().isEqualTo(2);
        // A cell without a result shows no numbers, not zeros.
        assertThat(result).bodyJson().doesNotHavePath("$.table[1].speedup");
        ArgumentCaptor<StudySpec> sent = ArgumentCaptor.forClass(StudySpec.class);
        verify(studies).submit(sent.capture(), any());
        assertThat(sent.getValue().models()).containsExactly(ExecutionModel.THREADS, ExecutionModel.GIL);
        assertThat(sent.getValue().parallelism()).containsExactly(1, 2);
    }

    /** Body -> the field the problem names, and words its message holds. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"models\": [\"THREADS\"], \"parallelism\": [1]}| workload| is required",
        "{\"workload\": {\"kind\": \"io.sleep\"}, \"parallelism\": [1]}| models| is required: 1 to 8 models",
        "{\"workload\": {\"kind\": \"io.sleep\"}, \"models\": [], \"parallelism\": [1]}| models| is required",
        "{\"workload\": {\"kind\": \"io.sleep\"}, \"models\": [\"THREADS\"]}| parallelism| is required: 1 to 8 values",
        "{\"workload\": {\"kind\": \"io.sleep\"}, \"models\": [\"THREADS\"], \"parallelism\": [1,2,3,4,5,6,7,8,9]}| parallelism| at most 8",
        "{\"workload\": {\"kind\": \"io.sleep\"}, \"models\": [\"GREEN\"], \"parallelism\": [1]}| models[0]| must be one of SEQUENTIAL",
        "{\"workload\": {\"kind\": \"io.sleep\"}, \"models\": [\"THREADS\"], \"parallelism\": [1, \"two\"]}| parallelism[1]| whole number",
        "{\"workload\": {\"kind\": \"io.sleep\"}, \"models\": [\"THREADS\"], \"parallelism\": [1], \"colour\": 1}| colour| unknown field",
        "{\"workload\": | body| malformed JSON"})
    void aBodyThatCannotBeAStudyIsA400NamingTheField(String body, String field, String words) {
        MvcTestResult result = submit(body);

        assertInvalid(result, field);
        assertThat(result).bodyJson().extractingPath("$.errors[0].message").asString().contains(words);
        verify(studies, never()).submit(any(), any());
    }

    @Test
    void whatTheCellValidationRefusesIsA400NamingTheCell() {
        when(studies.submit(any(), any())).thenThrow(InvalidSpecException.of("models[1]",
                "GIL does not fit ipc.pipe: it runs in one JVM"));

        MvcTestResult result = submit(SPEC);

        assertInvalid(result, "models[1]");
        assertThat(result).bodyJson().extractingPath("$.detail")
                .isEqualTo("models[1]: GIL does not fit ipc.pipe: it runs in one JVM");
    }

    @Test
    void cellsThatWouldNotFitInTheQueueAreA429WithRetryAfter() {
        when(studies.submit(any(), any())).thenThrow(QueueFullException.withCapacity(10, Duration.ofSeconds(12)));

        MvcTestResult result = submit(SPEC);

        assertProblem(result, HttpStatus.TOO_MANY_REQUESTS, "Queue full");
        assertThat(result).hasHeader("Retry-After", "12");
    }

    @Test
    void aStudyIsReadAsJsonWithItsTable() {
        when(studies.get(eq("s-2"), any())).thenReturn(report("s-2", StudyStatus.RUNNING));

        MvcTestResult result = mvc.get().uri("/api/v1/studies/s-2").exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().extractingPath("$.table[0].speedup").asNumber().isEqualTo(0.98);
        assertThat(result).bodyJson().extractingPath("$.table[0].experimentId").isEqualTo("e-1");
    }

    @Test
    void studiesAreListedWithTheirFiltersAndPageAndBadPagesAre400s() {
        when(studies.list(eq(new StudyFilter(StudyStatus.RUNNING, ExecutionModel.GIL, "cpu.primes", "u-7")), any(),
                eq(2), eq(5)))
                .thenReturn(new StudyPage(List.of(), 2, 5, 10, 2));

        MvcTestResult result = mvc.get()
                .uri("/api/v1/studies?status=RUNNING&model=GIL&workload=cpu.primes&owner=u-7&page=2&size=5")
                .exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.totalItems").asNumber().isEqualTo(10);
        assertThat(mvc.get().uri("/api/v1/studies?size=101").exchange()).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(mvc.get().uri("/api/v1/studies?page=-1").exchange()).hasStatus(HttpStatus.BAD_REQUEST);
    }

    @Test
    void theTableIsCsvAndTheChartSvg() {
        when(studies.csv(eq("s-3"), any())).thenReturn("model,parallelism\r\nTHREADS,1\r\n");
        when(studies.chart(eq("s-3"), any())).thenReturn("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>");

        MvcTestResult csv = mvc.get().uri("/api/v1/studies/s-3/results.csv").exchange();
        MvcTestResult chart = mvc.get().uri("/api/v1/studies/s-3/chart.svg").exchange();

        assertThat(csv).hasStatusOk().hasContentType("text/csv;charset=UTF-8")
                .hasHeader("Content-Disposition", "inline; filename=\"study-s-3.csv\"")
                .hasBodyTextEqualTo("model,parallelism\r\nTHREADS,1\r\n");
        assertThat(chart).hasStatusOk().hasContentType("image/svg+xml;charset=UTF-8");
        assertThat(chart).bodyText().startsWith("<svg");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/studies/nope", "/api/v1/studies/nope/results.csv", "/api/v1/studies/nope/chart.svg",
        "/api/v1/studies/nope/events"})
    void anUnknownStudyIsA404ProblemOnEveryRepresentation(String uri) {
        when(studies.get(eq("nope"), any())).thenThrow(StudyFailures.notFound("nope"));
        when(studies.csv(eq("nope"), any())).thenThrow(StudyFailures.notFound("nope"));
        when(studies.chart(eq("nope"), any())).thenThrow(StudyFailures.notFound("nope"));
        when(streams.subscribe(eq("nope"), any())).thenThrow(StudyFailures.notFound("nope"));

        MvcTestResult result = mvc.get().uri(uri).exchange();

        assertProblem(result, HttpStatus.NOT_FOUND, "Study not found");
        assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("no study with id 'nope'");
    }

    @Test
    void eventsAreAServerSentEventStream() throws IOException {
        SseEmitter emitter = new SseEmitter();
        emitter.send(SseEmitter.event().id("0").name("status").data(Map.of("status", "SUCCEEDED"),
                MediaType.APPLICATION_JSON));
        emitter.complete();
        when(streams.subscribe(eq("s-4"), any())).thenReturn(emitter);

        MvcTestResult result = mvc.get().uri("/api/v1/studies/s-4/events").accept(MediaType.TEXT_EVENT_STREAM).exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM);
        assertThat(result).bodyText().contains("id:0", "event:status", "data:{\"status\":\"SUCCEEDED\"}");
    }

    @Test
    void tooManyOpenStreamsIsA429ProblemNotAStream() {
        when(streams.subscribe(eq("s-5"), any())).thenThrow(StreamFailures.atLimit(3, Duration.ofSeconds(4)));

        MvcTestResult result = mvc.get().uri("/api/v1/studies/s-5/events").exchange();

        assertProblem(result, HttpStatus.TOO_MANY_REQUESTS, "Too many event streams");
        assertThat(result).hasHeader("Retry-After", "4");
    }

    @Test
    void cancellingAnswersTheStudyAsItNowStands() {
        when(studies.cancel(eq("s-6"), any())).thenReturn(report("s-6", StudyStatus.CANCELLED));
        when(studies.cancel(eq("nope"), any())).thenThrow(StudyFailures.notFound("nope"));

        MvcTestResult result = mvc.post().uri("/api/v1/studies/s-6/cancel").exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("CANCELLED");
        assertProblem(mvc.post().uri("/api/v1/studies/nope/cancel").exchange(), HttpStatus.NOT_FOUND,
                "Study not found");
    }

    @Test
    void deletingAnswers204AndAnUnknownStudyA404() {
        doThrow(StudyFailures.notFound("nope")).when(studies).delete(eq("nope"), any());

        MvcTestResult deleted = mvc.delete().uri("/api/v1/studies/s-7").exchange();

        assertThat(deleted).hasStatus(HttpStatus.NO_CONTENT);
        verify(studies).delete(eq("s-7"), any());
        assertProblem(mvc.delete().uri("/api/v1/studies/nope").exchange(), HttpStatus.NOT_FOUND, "Study not found");
    }
}
