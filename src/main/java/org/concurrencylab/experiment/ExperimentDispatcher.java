package org.concurrencylab.experiment;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.concurrencylab.execution.ExecutionEngine;
import org.concurrencylab.execution.ExecutionFailedException;
import org.concurrencylab.execution.ExecutionProperties;
import org.concurrencylab.execution.ExecutionRequest;
import org.concurrencylab.execution.InterferenceWarning;
import org.concurrencylab.execution.InterferenceWindow;
import org.concurrencylab.experiment.RunningExperiment.StopReason;
import org.concurrencylab.measure.Environment;
import org.concurrencylab.measure.ExperimentResult;
import org.concurrencylab.measure.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Takes experiments from the database queue and runs them, at most
 * {@code lab.execution.concurrent-experiments} at a time on this node. A submission wakes it at
 * once; it also polls, for work queued through other nodes. It renews the lease on what it runs,
 * picks up cancels requested through other nodes, and fails experiments whose node died.
 */
@Component
class ExperimentDispatcher implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentDispatcher.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    private final ExperimentRepository repository;
    private final ExecutionEngine engine;
    private final ApplicationEventPublisher events;
    private final ExecutionProperties properties;
    private final Clock clock;
    private final String nodeId;
    private final Map<String, RunningExperiment> active = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean signalled;
    private volatile boolean running;
    private Thread loop;
    private ExecutorService runners;
    private ScheduledExecutorService timers;

    ExperimentDispatcher(ExperimentRepository repository, ExecutionEngine engine, ApplicationEventPublisher events,
            ExecutionProperties properties, Clock clock) {
        this.repository = repository;
        this.engine = engine;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.nodeId = properties.nodeId() != null && !properties.nodeId().isBlank() ? properties.nodeId() : hostName();
    }

    String nodeId() {
        return nodeId;
    }

    int runningCount() {
        return active.size();
    }

    @Override
    public void start() {
        // Whatever this node ran before it stopped is gone: say so before taking new work.
        recoverAbandoned(true);
        runners = Executors.newFixedThreadPool(properties.concurrentExperiments(),
                Thread.ofPlatform().name("lab-experiment-", 1).factory());
        timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("lab-timer").daemon().factory());
        long beat = properties.heartbeatInterval().toMillis();
        timers.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        running = true;
        loop = Thread.ofPlatform().name("lab-dispatcher").start(this::dispatch);
    }

    @Override
    public void stop() {
        running = false;
        loop.interrupt();
        active.values().forEach(run -> run.stop(StopReason.SHUTDOWN));
        runners.shutdown();
        try {
            loop.join(SHUTDOWN_GRACE.toMillis());
            if (!runners.awaitTermination(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("experiments still running {} s after shutdown began", SHUTDOWN_GRACE.toSeconds());
                runners.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            timers.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Before the web server starts (and so after it stops): nobody may read an experiment that a
     * crash left RUNNING before this node has said it was interrupted, and on shutdown no request
     * arrives any more while running experiments are being stopped and recorded.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @EventListener
    void onSubmitted(ExperimentEvent.Submitted submitted) {
        signal();
    }

    /** Stops an experiment if this node runs it; false when it does not. */
    boolean stop(String id, StopReason reason) {
        RunningExperiment run = active.get(id);
        if (run == null) {
            return false;
        }
        run.stop(reason);
        return true;
    }

    private void dispatch() {
        while (running) {
            try {
                if (active.size() < properties.concurrentExperiments()) {
                    Optional<Experiment> claimed = repository.claimNext(nodeId, clock);
                    if (claimed.isPresent()) {
                        launch(claimed.get());
                        continue;
                    }
                }
                awaitSignal(properties.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database may be briefly unreachable; keep the loop alive and try again later.
                LOG.warn("could not take work from the queue: {}", e.toString());
                try {
                    awaitSignal(properties.pollInterval());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void launch(Experiment experiment) {
        RunningExperiment run = new RunningExperiment(experiment);
        active.put(experiment.id(), run);
        ResolvedSpec spec = experiment.spec();
        events.publishEvent(new ExperimentEvent.Started(experiment.id(), spec.model(), spec.workload().kind(),
                Duration.between(experiment.createdAt(), experiment.startedAt())));
        run.timeLimit(timers.schedule(() -> run.stop(StopReason.TIMED_OUT), spec.timeLimitSeconds(), TimeUnit.SECONDS));
        runners.execute(() -> execute(run));
    }

    private void execute(RunningExperiment run) {
        Experiment experiment = run.experiment;
        ResolvedSpec spec = experiment.spec();
        ExecutionRequest request = spec.toExecutionRequest();
        Environment environment = Environment.capture(nodeId);
        InterferenceWindow interference = engine.interferenceWindow();
        List<RunResult> runs = new ArrayList<>();
        ExperimentStatus status;
        String reason = null;
        run.bind(Thread.currentThread());
        try {
            engine.run(request, result -> {
                runs.add(result);
                events.publishEvent(new ExperimentEvent.RunFinished(experiment.id(), spec.model(),
                        spec.workload().kind(), runs.size(), request.totalRuns(), result));
            });
            status = ExperimentStatus.SUCCEEDED;
        } catch (InterruptedException e) {
            StopReason stop = run.stopReason() != null ? run.stopReason() : StopReason.SHUTDOWN;
            status = stop.status;
            reason = switch (stop) {
                case CANCELLED -> "cancelled by request while running";
                case TIMED_OUT -> "time limit of " + spec.timeLimitSeconds() + " s reached";
                case SHUTDOWN -> "interrupted: the server shut down while this experiment was running";
            };
        } catch (ExecutionFailedException e) {
            status = ExperimentStatus.FAILED;
            reason = e.getMessage();
        } catch (RuntimeException e) {
            LOG.error("experiment {} failed unexpectedly", experiment.id(), e);
            status = ExperimentStatus.FAILED;
            reason = "the lab hit an internal error while running this experiment; the server log has the details";
        } finally {
            run.unbind();
            run.cancelTimeLimit();
            // The interrupt was for the engine; the database write that records it must not see it.
            Thread.interrupted();
        }
        boolean complete = status == ExperimentStatus.SUCCEEDED;
        ExperimentResult result = runs.isEmpty() && !complete
                ? null
                : ExperimentResult.of(complete, runs, spec.effectiveParallelism(), environment,
                        spec.model().name(), spec.workload().kind(),
                        interference.end().stream().map(InterferenceWarning::message).toList());
        try {
            Instant now = clock.instant();
            if (repository.finish(experiment.id(), ExperimentStatus.RUNNING, status, reason, result, now)) {
                events.publishEvent(new ExperimentEvent.Finished(experiment.id(), spec.model(), spec.workload().kind(),
                        status, Duration.between(experiment.startedAt(), now)));
            } else {
                LOG.warn("experiment {} was no longer RUNNING when it finished as {}", experiment.id(), status);
            }
        } catch (RuntimeException e) {
            LOG.error("could not store the outcome of experiment {}", experiment.id(), e);
        } finally {
            active.remove(experiment.id());
            run.done.complete(null);
            signal();
        }
    }

    private void heartbeat() {
        try {
            repository.heartbeat(nodeId, active.keySet(), clock.instant());
            repository.cancelRequested(active.keySet()).forEach(id -> stop(id, StopReason.CANCELLED));
            recoverAbandoned(false);
        } catch (RuntimeException e) {
            LOG.warn("heartbeat failed: {}", e.toString());
        }
    }

    /**
     * Fails RUNNING experiments that no live node runs: at start-up this node's own (they died
     * with its previous life), at any time those whose lease lapsed.
     */
    private void recoverAbandoned(boolean includeOwn) {
        Instant now = clock.instant();
        Instant staleBefore = now.minus(properties.leaseTimeout());
        for (Experiment e : repository.findAbandoned(includeOwn ? nodeId : null, staleBefore, active.keySet())) {
            String reason = "interrupted: node '" + e.nodeId() + "' stopped (crash or restart) while this experiment "
                    + "was running, so it did not finish; submit it again to rerun it";
            if (repository.finish(e.id(), ExperimentStatus.RUNNING, ExperimentStatus.FAILED, reason, null, now)) {
                LOG.warn("experiment {} was abandoned by node {}; marked FAILED", e.id(), e.nodeId());
                events.publishEvent(new ExperimentEvent.Finished(e.id(), e.spec().model(), e.spec().workload().kind(),
                        ExperimentStatus.FAILED, Duration.between(e.startedAt(), now)));
            }
        }
    }

    private void signal() {
        lock.lock();
        try {
            signalled = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void awaitSignal(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (!signalled && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
            signalled = false;
        } finally {
            lock.unlock();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
