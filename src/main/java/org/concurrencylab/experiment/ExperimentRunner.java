package org.concurrencylab.experiment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.concurrencylab.execution.ExecutionEngine;
import org.concurrencylab.execution.ExecutionFailedException;
import org.concurrencylab.execution.ExecutionRequest;
import org.concurrencylab.execution.InterferenceWarning;
import org.concurrencylab.execution.InterferenceWindow;
import org.concurrencylab.measure.Environment;
import org.concurrencylab.measure.ExperimentResult;
import org.concurrencylab.measure.RunResult;
import org.concurrencylab.measure.Warning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Runs one claimed experiment on the calling thread: the engine's repetitions, each announced as
 * it finishes, then the outcome and whatever results there are, stored and then announced.
 */
final class ExperimentRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

    private final ExperimentRepository repository;
    private final ExecutionEngine engine;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final NodeId node;

    ExperimentRunner(ExperimentRepository repository, ExecutionEngine engine, ApplicationEventPublisher events,
            Clock clock, NodeId node) {
        this.repository = repository;
        this.engine = engine;
        this.events = events;
        this.clock = clock;
        this.node = node;
    }

    void run(RunningExperiment run) {
        Experiment experiment = run.experiment;
        ResolvedSpec spec = experiment.spec();
        ExecutionRequest request = spec.toExecutionRequest();
        Environment environment = Environment.capture(node.value());
        InterferenceWindow interference = engine.interferenceWindow();
        List<RunResult> runs = new ArrayList<>();
        RunOutcome outcome = runEngine(run, request, runs);
        // A run stopped before its first repetition ended has nothing to summarize.
        List<Warning> warnings = new ArrayList<>(interference.end().stream().map(ExperimentRunner::warning).toList());
        if (!outcome.complete()) {
            warnings.add(partial(outcome, request, runs));
        }
        ExperimentResult result = runs.isEmpty() && !outcome.complete()
                ? null
                : ExperimentResult.of(outcome.complete(), runs, environment, spec.subject(), warnings);
        store(experiment, outcome, result);
    }

    /** What interfered, as a warning of the result; a new kind of interference must be named here. */
    private static Warning warning(InterferenceWarning interference) {
        Warning.Code code = switch (interference.code()) {
            case AOT_CACHE_BUILDING -> Warning.Code.AOT_CACHE_BUILDING;
        };
        return new Warning(code, interference.message());
    }

    /** What a stopped experiment kept: how many of each kind of run finished, and what the summary is of. */
    static Warning partial(RunOutcome outcome, ExecutionRequest request, List<RunResult> runs) {
        long measured = runs.stream().filter(r -> !r.warmup() && !r.baseline()).count();
        long warmups = runs.stream().filter(r -> r.warmup() && !r.baseline()).count();
        long baseline = runs.stream().filter(RunResult::baseline).count();
        int baselineRuns = request.baseline() ? request.warmups() + request.repetitions() : 0;
        return new Warning(Warning.Code.PARTIAL, "Stopped before the end (" + outcome.status() + ": " + outcome.reason()
                + ") after " + measured + " of " + request.repetitions() + " measured runs, " + warmups + " of "
                + request.warmups() + " warm-ups" + (baselineRuns > 0 ? " and " + baseline + " of " + baselineRuns
                        + " baseline runs" : "")
                + (measured == 0 ? ": no measured run to summarise." : ": the summary is of the " + measured
                        + " measured run" + (measured == 1 ? "" : "s") + " that finished."));
    }

    private RunOutcome runEngine(RunningExperiment run, ExecutionRequest request, List<RunResult> runs) {
        Experiment experiment = run.experiment;
        ResolvedSpec spec = experiment.spec();
        run.bind(Thread.currentThread());
        try {
            engine.run(request, result -> {
                runs.add(result);
                events.publishEvent(new ExperimentEvent.RunFinished(experiment.id(), spec.model(),
                        spec.workload().kind(), runs.size(), request.totalRuns(), result));
            });
            return RunOutcome.SUCCEEDED;
        } catch (InterruptedException e) {
            return RunOutcome.stopped(run.stopReason(), spec.timeLimitSeconds());
        } catch (ExecutionFailedException e) {
            return RunOutcome.failed(e);
        } catch (RuntimeException e) {
            LOG.error("experiment {} failed unexpectedly", experiment.id(), e);
            return RunOutcome.internalError();
        } finally {
            run.unbind();
            run.cancelTimeLimit();
            // The interrupt was for the engine; the database write that records it must not see it.
            Thread.interrupted();
        }
    }

    private void store(Experiment experiment, RunOutcome outcome, ExperimentResult result) {
        ResolvedSpec spec = experiment.spec();
        try {
            Instant now = clock.instant();
            if (repository.finish(experiment.id(), ExperimentStatus.RUNNING, outcome.status(), outcome.reason(), result,
                    now)) {
                events.publishEvent(new ExperimentEvent.Finished(experiment.id(), spec.model(), spec.workload().kind(),
                        outcome.status(), Duration.between(experiment.startedAt(), now)));
            } else {
                LOG.warn("experiment {} was no longer RUNNING when it finished as {}", experiment.id(),
                        outcome.status());
            }
        } catch (RuntimeException e) {
            LOG.error("could not store the outcome of experiment {}", experiment.id(), e);
        }
    }
}
