package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concurrencylab.web.Problems.assertInvalid;
import static org.concurrencylab.web.Problems.assertProblem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.InvalidRequestException;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ModelOptions;
import org.concurrencylab.execution.RealRuns;
import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.experiment.ExperimentConflictException;
import org.concurrencylab.experiment.ExperimentFilter;
import org.concurrencylab.experiment.ExperimentNotFoundException;
import org.concurrencylab.experiment.ExperimentPage;
import org.concurrencylab.experiment.ExperimentService;
import org.concurrencylab.experiment.ExperimentSpec;
import org.concurrencylab.experiment.ExperimentStatus;
import org.concurrencylab.experiment.InvalidSpecException;
import org.concurrencylab.core.InvalidRequestException.Violation;
import org.concurrencylab.experiment.QueueFullException;
import org.concurrencylab.experiment.ResolvedSpec;
import org.concurrencylab.security.CurrentUser;
import org.concurrencylab.measure.ExperimentResult;
import org.concurrencylab.measure.RunResult;
import org.concurrencylab.workload.Kinds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The experiments API over HTTP with the service mocked at its edge: the status codes, headers and
 * content types each endpoint answers with, and the problem each error becomes.
 */
@WebMvcTest({ExperimentController.class, ExperimentExportsController.class})
class ExperimentControllerSliceTest {

    private static final String SPEC = """
            {"model": "THREADS", "parallelism": 2, "tasks": 4,
             "workload": {"kind": "cpu.primes", "params": {"size": 2000}}}""";

    /** A finished result made by really running cpu.primes on 2 threads, so the CSV and the chart draw real runs. */
    private static ExperimentResult finished;

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    ExperimentService experiments;

    @MockitoBean
    CurrentUser user;

    @BeforeAll
    static void runTheWorkloadOnce() throws Exception {
        ResolvedSpec spec = spec();
        List<RunResult> runs = RealRuns.inProcess(ExecutionModel.THREADS, Kinds.CPU_PRIMES, spec.workload().values(), 4,
                2, 2);
        finished = ExperimentResult.of(true, runs, null, spec.subject(), List.of());
    }

    private static ResolvedSpec spec() {
        return new ResolvedSpec("cpu.primes on THREADS", ExecutionModel.THREADS, 2, 4,
                new ResolvedSpec.ResolvedWorkload("cpu.primes", Map.of("size", 2000L)), 0, 2, false, 60, ModelOptions.DEFAULTS);
    }

    private static Experiment experiment(String id, ExperimentStatus status) {
        Instant created = Instant.parse("2026-01-01T10:00:00Z");
        boolean started = status != ExperimentStatus.QUEUED;
        return new Experiment(id, spec(), status, null, created, started ? created.plusMillis(250) : null,
                status.isTerminal() ? created.plusSeconds(2) : null, started ? "node-1" : null,
                status == ExperimentStatus.SUCCEEDED ? finished : null, null, false);
    }

    private MvcTestResult submit(String body) {
        return mvc.post().uri("/api/v1/experiments").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    @Test
    void aSubmittedSpecIsQueuedWith202AndALocationToPoll() throws Exception {
        when(experiments.submit(any(), any())).thenReturn(experiment("e-1", ExperimentStatus.QUEUED));

        MvcTestResult result = submit(SPEC);

        assertThat(result).hasStatus(HttpStatus.ACCEPTED).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .hasHeader("Location", "http://localhost/api/v1/experiments/e-1");
        assertThat(result).bodyJson().extractingPath("$.id").isEqualTo("e-1");
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("QUEUED");
        assertThat(result).bodyJson().extractingPath("$.workload.kind").isEqualTo("cpu.primes");
        assertThat(result).bodyJson().doesNotHavePath("$.result");
        ArgumentCaptor<ExperimentSpec> sent = ArgumentCaptor.forClass(ExperimentSpec.class);
        verify(experiments).submit(sent.capture(), any());
        assertThat(sent.getValue().model()).isEqualTo(ExecutionModel.THREADS);
        assertThat(sent.getValue().parallelism()).isEqualTo(2);
        assertThat(sent.getValue().workload().kind()).isEqualTo("cpu.primes");
        verify(experiments, never()).awaitFinished(any(), any());
    }

    @Test
    void waitingForAnExperimentThatFinishesInTimeAnswers200WithItsResult() throws Exception {
        when(experiments.submit(any(), any())).thenReturn(experiment("e-2", ExperimentStatus.QUEUED));
        when(experiments.awaitFinished("e-2", Duration.ofSeconds(5)))
                .thenReturn(experiment("e-2", ExperimentStatus.SUCCEEDED));

        MvcTestResult result = mvc.post().uri("/api/v1/experiments?waitSeconds=5").contentType(MediaType.APPLICATION_JSON)
                .content(SPEC).exchange();

        // The Location names the experiment, without the query that asked to wait.
        assertThat(result).hasStatusOk().hasHeader("Location", "http://localhost/api/v1/experiments/e-2");
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("SUCCEEDED");
        assertThat(result).bodyJson().extractingPath("$.result.runs").asArray().hasSize(2);
        assertThat(result).bodyJson().extractingPath("$.queueWaitMillis").asNumber().isEqualTo(250);
    }

    @Test
    void waitingForOneStillRunningAnswers202() throws Exception {
        when(experiments.submit(any(), any())).thenReturn(experiment("e-3", ExperimentStatus.QUEUED));
        when(experiments.awaitFinished("e-3", Duration.ofSeconds(1)))
                .thenReturn(experiment("e-3", ExperimentStatus.RUNNING));

        assertThat(mvc.post().uri("/api/v1/experiments?waitSeconds=1").contentType(MediaType.APPLICATION_JSON)
                .content(SPEC)).hasStatus(HttpStatus.ACCEPTED).containsHeader("Location");
    }

    @ParameterizedTest(name = "waitSeconds={0}")
    @CsvSource({"61", "-1"})
    void aWaitOutsideItsBoundsIsA400NamingIt(String waitSeconds) {
        MvcTestResult result = mvc.post().uri("/api/v1/experiments?waitSeconds=" + waitSeconds)
                .contentType(MediaType.APPLICATION_JSON).content(SPEC).exchange();

        assertInvalid(result, "waitSeconds");
        verify(experiments, never()).submit(any(), any());
    }

    /** Body -> the field the problem names, and words its message holds. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"workload\": {\"kind\": \"cpu.primes\"}}| model| is required",
        "{\"model\": \"THREADS\"}| workload| is required",
        "{\"model\": \"THREADS\", \"workload\": {}}| workload.kind| ",
        "{\"model\": \"THREADS\", \"name\": \"" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                + "xxxxxxxxxxxxxxxxxxxxxxx\", \"workload\": {\"kind\": \"cpu.primes\"}}| name| at most 100 characters",
        "{\"model\": | body| malformed JSON at line 1",
        "[]| body| must be",
        "{\"model\": \"THREADS\", \"colour\": \"red\", \"workload\": {\"kind\": \"cpu.primes\"}}| colour| unknown field; allowed: ",
        "{\"model\": \"THREADS\", \"parallelism\": \"two\", \"workload\": {\"kind\": \"cpu.primes\"}}| parallelism| must be a whole number",
        "{\"model\": \"THREADS\", \"baseline\": \"yes\", \"workload\": {\"kind\": \"cpu.primes\"}}| baseline| boolean",
        "{\"model\": \"GREEN_THREADS\", \"workload\": {\"kind\": \"cpu.primes\"}}| model| must be one of SEQUENTIAL, THREADS",
        "{\"model\": \"THREADS\", \"tasks\": 99999999999, \"workload\": {\"kind\": \"cpu.primes\"}}| tasks| whole number"})
    void aBodyThatCannotBeASpecIsA400NamingTheField(String body, String field, String words) {
        MvcTestResult result = submit(body);

        assertInvalid(result, field);
        if (words != null) {
            assertThat(result).bodyJson().extractingPath("$.errors[0].message").asString().contains(words);
        }
        verify(experiments, never()).submit(any(), any());
    }

    @Test
    void anUnknownFieldIsToldTheFieldsItMayUse() {
        MvcTestResult result = submit("{\"model\": \"THREADS\", \"colour\": \"red\", \"workload\": {\"kind\": \"cpu.primes\"}}");

        assertThat(result).bodyJson().extractingPath("$.errors[0].message").asString()
                .contains("model", "parallelism", "workload");
    }

    @Test
    void whatTheSpecValidatorRefusesIsA400WithEveryViolation() {
        when(experiments.submit(any(), any())).thenThrow(new InvalidSpecException(List.of(
                new Violation("model", "ipc.pipe fits only PROCESSES"),
                new Violation("baseline", "the sequential baseline cannot run ipc.pipe"))));

        MvcTestResult result = submit(SPEC);

        assertInvalid(result, "model", "baseline");
        assertThat(result).bodyJson().extractingPath("$.errors[1].message")
                .isEqualTo("the sequential baseline cannot run ipc.pipe");
        assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo(
                "model: ipc.pipe fits only PROCESSES; baseline: the sequential baseline cannot run ipc.pipe");
    }

    @Test
    void aFullQueueIsA429WithRetryAfter() {
        when(experiments.submit(any(), any())).thenThrow(QueueFullException.withCapacity(100, Duration.ofSeconds(30)));

        MvcTestResult result = submit(SPEC);

        assertProblem(result, HttpStatus.TOO_MANY_REQUESTS, "Queue full");
        assertThat(result).hasHeader("Retry-After", "30");
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("100");
    }

    @Test
    void aSpecSentAsSomethingOtherThanJsonIsRefused() {
        assertThat(mvc.post().uri("/api/v1/experiments").contentType(MediaType.TEXT_PLAIN).content(SPEC))
                .hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        verify(experiments, never()).submit(any(), any());
    }

    @Test
    void anExperimentIsReadAsJson() {
        when(experiments.get(eq("e-4"), any())).thenReturn(experiment("e-4", ExperimentStatus.SUCCEEDED));

        MvcTestResult result = mvc.get().uri("/api/v1/experiments/e-4").exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("SUCCEEDED");
        assertThat(result).bodyJson().extractingPath("$.nodeId").isEqualTo("node-1");
        // Two measured runs are too few to trust: the warning is there by its code, with a message for people.
        assertThat(result).bodyJson().extractingPath("$.result.summary.warnings[*].code").asArray().contains("FEW_RUNS");
        assertThat(result).bodyJson().extractingPath("$.result.summary.warnings[0].message").asString().isNotBlank();
    }

    @Test
    void anUnknownExperimentIsA404Problem() {
        when(experiments.get(eq("nope"), any())).thenThrow(ExperimentNotFoundException.forId("nope"));

        MvcTestResult result = mvc.get().uri("/api/v1/experiments/nope").exchange();

        assertProblem(result, HttpStatus.NOT_FOUND, "Experiment not found");
        assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("no experiment with id 'nope'");
    }

    @Test
    void theListPassesItsFiltersAndPageOn() {
        when(experiments.list(any(), any(), anyInt(), anyInt())).thenReturn(new ExperimentPage(List.of(), 2, 5, 11, 3));

        MvcTestResult result = mvc.get()
                .uri("/api/v1/experiments?status=RUNNING&model=GIL&workload=io.sleep&page=2&size=5").exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().extractingPath("$.totalItems").asNumber().isEqualTo(11);
        verify(experiments).list(new ExperimentFilter(ExperimentStatus.RUNNING, ExecutionModel.GIL, "io.sleep", null), null, 2, 5);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "status=BOGUS| status| must be one of QUEUED, RUNNING, SUCCEEDED",
        "model=GREEN_THREADS| model| must be one of SEQUENTIAL",
        "page=-1| page| ",
        "size=0| size| ",
        "size=101| size| ",
        "size=many| size| must be a value of type whole number"})
    void aBadListQueryIsA400NamingTheParameter(String query, String field, String words) {
        MvcTestResult result = mvc.get().uri("/api/v1/experiments?" + query).exchange();

        assertInvalid(result, field);
        if (words != null) {
            assertThat(result).bodyJson().extractingPath("$.errors[0].message").asString().contains(words);
        }
    }

    @Test
    void aFinishedExperimentsRunsAreCsvWithOneRowPerRun() throws Exception {
        when(experiments.get(eq("e-5"), any())).thenReturn(experiment("e-5", ExperimentStatus.SUCCEEDED));

        MvcTestResult result = mvc.get().uri("/api/v1/experiments/e-5/runs.csv").exchange();

        assertThat(result).hasStatusOk().hasContentType("text/csv;charset=UTF-8")
                .hasHeader("Content-Disposition", "inline; filename=\"experiment-e-5-runs.csv\"");
        String csv = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv.lines()).hasSize(1 + finished.runs().size());
        assertThat(csv.lines().findFirst()).hasValueSatisfying(header -> assertThat(header).contains("index", "model"));
    }

    @Test
    void runsOfAnExperimentStillRunningAreA409Problem() {
        when(experiments.get(eq("e-6"), any())).thenReturn(experiment("e-6", ExperimentStatus.RUNNING));

        MvcTestResult result = mvc.get().uri("/api/v1/experiments/e-6/runs.csv").exchange();

        assertProblem(result, HttpStatus.CONFLICT, "Not possible in the experiment's current status");
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("RUNNING", "no results yet");
    }

    @Test
    void runsOfAnUnknownExperimentAreA404Problem() {
        when(experiments.get(eq("nope"), any())).thenThrow(ExperimentNotFoundException.forId("nope"));

        assertProblem(mvc.get().uri("/api/v1/experiments/nope/runs.csv").exchange(), HttpStatus.NOT_FOUND,
                "Experiment not found");
        assertProblem(mvc.get().uri("/api/v1/experiments/nope/timeline.svg").exchange(), HttpStatus.NOT_FOUND,
                "Experiment not found");
    }

    @Test
    void theTimelineIsAnSvgOfTheLastMeasuredRunOrTheOneAskedFor() {
        when(experiments.get(eq("e-7"), any())).thenReturn(experiment("e-7", ExperimentStatus.SUCCEEDED));

        MvcTestResult last = mvc.get().uri("/api/v1/experiments/e-7/timeline.svg").exchange();
        MvcTestResult first = mvc.get().uri("/api/v1/experiments/e-7/timeline.svg?run=0").exchange();

        assertThat(last).hasStatusOk().hasContentType("image/svg+xml;charset=UTF-8");
        assertThat(last).bodyText().startsWith("<svg").contains("Experiment e-7 (cpu.primes)");
        assertThat(first).hasStatusOk().hasContentTypeCompatibleWith("image/svg+xml");
    }

    @Test
    void aRunTheExperimentDoesNotHaveIsA400AndNoResultsYetA409() {
        when(experiments.get(eq("e-8"), any())).thenReturn(experiment("e-8", ExperimentStatus.SUCCEEDED));
        when(experiments.get(eq("e-9"), any())).thenReturn(experiment("e-9", ExperimentStatus.QUEUED));

        MvcTestResult missing = mvc.get().uri("/api/v1/experiments/e-8/timeline.svg?run=9").exchange();
        assertInvalid(missing, "run");
        assertThat(missing).bodyJson().extractingPath("$.errors[0].message").asString().contains("0 to 1", "was 9");
        assertInvalid(mvc.get().uri("/api/v1/experiments/e-8/timeline.svg?run=last").exchange(), "run");
        assertProblem(mvc.get().uri("/api/v1/experiments/e-9/timeline.svg").exchange(), HttpStatus.CONFLICT,
                "Not possible in the experiment's current status");
    }

    @Test
    void cancellingAnswers200OnceCancelledAnd202WhileStillStopping() throws Exception {
        when(experiments.cancel(eq("e-10"), any())).thenReturn(experiment("e-10", ExperimentStatus.CANCELLED));
        when(experiments.cancel(eq("e-11"), any())).thenReturn(experiment("e-11", ExperimentStatus.RUNNING));

        MvcTestResult cancelled = mvc.post().uri("/api/v1/experiments/e-10/cancel").exchange();

        assertThat(cancelled).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(cancelled).bodyJson().extractingPath("$.status").isEqualTo("CANCELLED");
        assertThat(mvc.post().uri("/api/v1/experiments/e-11/cancel")).hasStatus(HttpStatus.ACCEPTED);
    }

    @Test
    void cancellingAFinishedExperimentIsA409AndAnUnknownOneA404() throws Exception {
        when(experiments.cancel(eq("e-12"), any())).thenThrow(ExperimentConflictException.cannotCancel("e-12",
                ExperimentStatus.SUCCEEDED));
        when(experiments.cancel(eq("nope"), any())).thenThrow(ExperimentNotFoundException.forId("nope"));

        MvcTestResult finishedAlready = mvc.post().uri("/api/v1/experiments/e-12/cancel").exchange();

        assertProblem(finishedAlready, HttpStatus.CONFLICT, "Not possible in the experiment's current status");
        assertThat(finishedAlready).bodyJson().extractingPath("$.detail").asString().contains("already SUCCEEDED");
        assertProblem(mvc.post().uri("/api/v1/experiments/nope/cancel").exchange(), HttpStatus.NOT_FOUND,
                "Experiment not found");
    }

    @Test
    void deletingAnswers204WithoutABodyAndEveryRefusalIsAProblem() throws Exception {
        doThrow(ExperimentConflictException.cellOfStudy("e-21", "s-1")).when(experiments).delete(eq("e-21"), any());
        doThrow(ExperimentNotFoundException.forId("nope")).when(experiments).delete(eq("nope"), any());

        MvcTestResult deleted = mvc.delete().uri("/api/v1/experiments/e-20").exchange();

        assertThat(deleted).hasStatus(HttpStatus.NO_CONTENT);
        assertThat(deleted).bodyText().isEmpty();
        verify(experiments).delete(eq("e-20"), any());
        MvcTestResult cell = mvc.delete().uri("/api/v1/experiments/e-21").exchange();
        assertProblem(cell, HttpStatus.CONFLICT, "Not possible in the experiment's current status");
        assertThat(cell).bodyJson().extractingPath("$.detail").asString().contains("study 's-1'",
                "DELETE /api/v1/studies/s-1");
        assertProblem(mvc.delete().uri("/api/v1/experiments/nope").exchange(), HttpStatus.NOT_FOUND,
                "Experiment not found");
    }

    @Test
    void aFinishedExperimentIsJmhJsonWithOneIterationPerMeasuredRun() {
        when(experiments.get(eq("e-22"), any())).thenReturn(experiment("e-22", ExperimentStatus.SUCCEEDED));

        MvcTestResult result = mvc.get().uri("/api/v1/experiments/e-22/jmh.json?mode=thrpt").exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().extractingPath("$[0].benchmark").isEqualTo("org.concurrencylab.cpu.primes");
        assertThat(result).bodyJson().extractingPath("$[0].mode").isEqualTo("thrpt");
        assertThat(result).bodyJson().extractingPath("$[0].threads").asNumber().isEqualTo(2);
        assertThat(result).bodyJson().extractingPath("$[0].params.model").isEqualTo("THREADS");
        assertThat(result).bodyJson().extractingPath("$[0].params.size").isEqualTo("2000");
        assertThat(result).bodyJson().extractingPath("$[0].primaryMetric.scoreUnit").isEqualTo("ops/s");
        assertThat(result).bodyJson().extractingPath("$[0].primaryMetric.rawData[0]").asArray()
                .hasSize((int) finished.runs().stream().filter(r -> !r.warmup() && !r.baseline()).count());
    }

    @Test
    void jmhJsonBeforeTheEndIsA409AndAnUnknownModeA400NamingIt() {
        when(experiments.get(eq("e-23"), any())).thenReturn(experiment("e-23", ExperimentStatus.RUNNING));
        when(experiments.get(eq("e-24"), any())).thenReturn(experiment("e-24", ExperimentStatus.CANCELLED));

        assertProblem(mvc.get().uri("/api/v1/experiments/e-23/jmh.json").exchange(), HttpStatus.CONFLICT,
                "Not possible in the experiment's current status");
        // Cancelled before any run finished: nothing for JMH's format to hold.
        MvcTestResult empty = mvc.get().uri("/api/v1/experiments/e-24/jmh.json").exchange();
        assertProblem(empty, HttpStatus.CONFLICT, "Not possible in the experiment's current status");
        assertThat(empty).bodyJson().extractingPath("$.detail").asString().contains("no measured run finished");
        MvcTestResult mode = mvc.get().uri("/api/v1/experiments/e-22/jmh.json?mode=fastest").exchange();
        assertInvalid(mode, "mode");
        assertThat(mode).bodyJson().extractingPath("$.errors[0].message").asString().contains("ss", "avgt", "thrpt");
    }
}
