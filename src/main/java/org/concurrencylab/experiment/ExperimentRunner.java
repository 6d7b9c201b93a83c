package org.concurrencylab.experiment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.concurrencylab.database.DatabaseOutage;
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
 * it finishes, then the outcome and whatever results there are, stored under the run's lease and
 * then announced.
 */
final class ExperimentRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

    /** The first wait before writing an outcome again when the database did not answer. */
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private final ExperimentRepository repository;
    private final LeaseRepository leases;
    private final ExecutionEngine engine;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final NodeId node;
    private final Duration maxBackoff;
    private final BooleanSupplier stopping;

    ExperimentRunner(ExperimentRepository repository, LeaseRepository leases, ExecutionEngine engine,
            ApplicationEventPublisher events, Clock clock, NodeId node, Duration leaseTimeout, BooleanSupplier stopping) {
        this.repository = repository;
        this.leases = leases;
        this.engine = engine;
        this.events = events;
        this.clock = clock;
        this.node = node;
        this.stopping = stopping;
        this.maxBackoff = Duration.ofMillis(Math.max(FIRST_BACKOFF.toMillis(), Math.min(2000, leaseTimeout.toMillis() / 4)));
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
        store(run, outcome, result);
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

    /**
     * Writes the outcome under the run's lease. A database that does not answer is waited out, with
     * a backoff capped at a quarter of the lease timeout so the write follows its return closely:
     * the run's lease stays its own meanwhile (no node records a lease lapsed until the database has
     * answered it for a lease timeout), and a write that comes too late anyway, because another node
     * did record it, changes nothing (the fence) and is logged with why. Only the node stopping gives
     * up: the restarted node then records the experiment as interrupted.
     */
    private void store(RunningExperiment run, RunOutcome outcome, ExperimentResult result) {
        Experiment experiment = run.experiment;
        Instant failingSince = null;
        long backoffMillis = FIRST_BACKOFF.toMillis();
        while (true) {
            try {
                Instant now = clock.instant();
                if (repository.finish(run.lease, outcome.status(), outcome.reason(), result, now)) {
                    if (failingSince != null) {
                        LOG.warn("experiment {}: {} stored once the database answered again, after {} s", experiment.id(),
                                outcome.status(), Duration.between(failingSince, now).toSeconds());
                    }
                    events.publishEvent(new ExperimentEvent.Finished(experiment.id(), experiment.spec().model(),
                            experiment.spec().workload().kind(), outcome.status(),
                            Duration.between(experiment.startedAt(), now)));
                } else {
                    // Read the time again: the write may have waited long on a frozen pool.
                    LOG.warn("experiment {}: {}", experiment.id(), refused(run, outcome, failingSince, clock.instant()));
                }
                return;
            } catch (RuntimeException e) {
                if (!DatabaseOutage.isCause(e)) {
                    LOG.error("could not store the outcome of experiment {}", experiment.id(), e);
                    return;
                }
                if (failingSince == null) {
                    failingSince = clock.instant();
                    LOG.warn("experiment {} finished as {} but the database does not answer ({}); retrying until it does",
                            experiment.id(), outcome.status(), e.toString());
                }
            }
            try {
                if (stopping.getAsBoolean()) {
                    throw new InterruptedException("the node is stopping");
                }
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.error("experiment {}: the node is stopping and the database has not answered for {} s: its outcome "
                        + "{} is not stored", experiment.id(), Duration.between(failingSince, clock.instant()).toSeconds(),
                        outcome.status());
                return;
            }
            backoffMillis = Math.min(backoffMillis * 2, maxBackoff.toMillis());
        }
    }

    /** Why the write changed nothing: another node recorded the lease as lapsed, and what it decided. */
    private String refused(RunningExperiment run, RunOutcome outcome, Instant failingSince, Instant now) {
        String why = failingSince != null
                ? "database unavailable for " + Duration.between(failingSince, now).toSeconds() + " s; lease expired"
                : "lease expired: not renewed for " + Duration.between(run.renewedAt(), now).toSeconds()
                        + " s (this node was frozen or cut off)";
        String decided;
        try {
            decided = leases.holder(run.id())
                    .map(holder -> "node " + holder.nodeId() + " recorded it as " + holder.status() + " (epoch "
                            + holder.epoch() + ")")
                    .orElse("the experiment is gone");
        } catch (RuntimeException e) {
            decided = "another node recorded it";
        }
        return why + "; " + decided + ", which stands: this node's " + outcome.status() + " (lease epoch "
                + run.lease.epoch() + ") is not stored";
    }
}
