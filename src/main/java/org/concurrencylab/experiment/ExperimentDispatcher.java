package org.concurrencylab.experiment;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.concurrencylab.execution.ExecutionEngine;
import org.concurrencylab.execution.ExecutionProperties;
import org.concurrencylab.experiment.RunningExperiment.StopReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Takes experiments from the database queue and runs them, at most
 * {@code lab.execution.concurrent-experiments} at a time on this node. It owns the threads and
 * their order at start and stop; the {@link QueuePoller} claims work, an {@link ExperimentRunner}
 * runs each claimed experiment, and the {@link LeaseKeeper} keeps the leases on what runs.
 */
@Component
class ExperimentDispatcher implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentDispatcher.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    private final ApplicationEventPublisher events;
    private final ExecutionProperties properties;
    private final NodeId node;
    private final ActiveRuns active = new ActiveRuns();
    // A submission (through this node, or another on PostgreSQL), or a run of its own ending, is
    // worth a look at the queue at once.
    private final WakeUp wakeUp;
    private final ExperimentRunner runner;
    private final LeaseKeeper leases;
    private final QueuePoller<Claim> poller;
    private volatile boolean running;
    private ExecutorService runThreads;
    private ScheduledExecutorService timers;

    ExperimentDispatcher(ExperimentRepository repository, LeaseRepository leaseRepository, ExecutionEngine engine,
            ApplicationEventPublisher events, ExecutionProperties properties, Clock clock, LocalWakeUp wakeUp) {
        this.events = events;
        this.wakeUp = wakeUp;
        this.properties = properties;
        this.node = NodeId.of(properties);
        this.runner = new ExperimentRunner(repository, leaseRepository, engine, events, clock, node,
                properties.leaseTimeout(), () -> !running);
        this.leases = new LeaseKeeper(leaseRepository, repository, active, events, properties, clock, node);
        this.poller = new QueuePoller<>(() -> leaseRepository.claimNext(node.value(), clock),
                () -> active.size() < properties.concurrentExperiments(), this::launch, wakeUp,
                properties.pollInterval());
    }

    String nodeId() {
        return node.value();
    }

    int runningCount() {
        return active.size();
    }

    @Override
    public void start() {
        // Whatever this node ran before it stopped is gone: say so before taking new work.
        leases.recoverOwnAbandoned();
        runThreads = Executors.newFixedThreadPool(properties.concurrentExperiments(),
                Thread.ofPlatform().name("lab-experiment-", 1).factory());
        // Two threads: a heartbeat waiting on a database that does not answer must not hold up a time limit.
        timers = Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("lab-timer-", 1).daemon().factory());
        long beat = properties.heartbeatInterval().toMillis();
        timers.scheduleWithFixedDelay(leases::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        running = true;
        poller.start();
    }

    @Override
    public void stop() {
        running = false;
        poller.stop();
        active.stopAll(StopReason.SHUTDOWN);
        runThreads.shutdown();
        try {
            poller.join(SHUTDOWN_GRACE);
            if (!runThreads.awaitTermination(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("experiments still running {} s after shutdown began", SHUTDOWN_GRACE.toSeconds());
                runThreads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Time limits and heartbeats outlive the runs: a run stopping late is still recorded under its lease.
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
        wakeUp.signal();
    }

    /** Stops an experiment if this node runs it; false when it does not. */
    boolean stop(String id, StopReason reason) {
        return active.stop(id, reason);
    }

    private void launch(Claim claim) {
        RunningExperiment run = active.add(claim);
        Experiment experiment = claim.experiment();
        ResolvedSpec spec = experiment.spec();
        events.publishEvent(new ExperimentEvent.Started(experiment.id(), spec.model(), spec.workload().kind(),
                Duration.between(experiment.createdAt(), experiment.startedAt())));
        run.timeLimit(timers.schedule(() -> run.stop(StopReason.TIMED_OUT), spec.timeLimitSeconds(), TimeUnit.SECONDS));
        runThreads.execute(() -> {
            try {
                runner.run(run);
            } finally {
                // Its slot is free: the poller may claim the next experiment at once.
                active.remove(run);
                wakeUp.signal();
            }
        });
    }
}
