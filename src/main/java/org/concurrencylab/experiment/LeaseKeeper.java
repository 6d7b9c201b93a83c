package org.concurrencylab.experiment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.concurrencylab.execution.ExecutionProperties;
import org.concurrencylab.experiment.RunningExperiment.StopReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The leases on RUNNING experiments, all in one place: this node renews its own on every
 * heartbeat, reads there the cancels asked for through other nodes, and fails the experiments
 * whose lease lapsed because their node died.
 */
final class LeaseKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final ExperimentRepository repository;
    private final ActiveRuns active;
    private final ApplicationEventPublisher events;
    private final Duration leaseTimeout;
    private final Clock clock;
    private final NodeId node;

    LeaseKeeper(ExperimentRepository repository, ActiveRuns active, ApplicationEventPublisher events,
            ExecutionProperties properties, Clock clock, NodeId node) {
        this.repository = repository;
        this.active = active;
        this.events = events;
        this.leaseTimeout = properties.leaseTimeout();
        this.clock = clock;
        this.node = node;
    }

    /**
     * Renews, picks up cancels, recovers. Never throws: a scheduled task that throws is not run
     * again, and the database may be unreachable for a moment.
     */
    void heartbeat() {
        try {
            repository.heartbeat(node.value(), active.ids(), clock.instant());
            repository.cancelRequested(active.ids()).forEach(id -> active.stop(id, StopReason.CANCELLED));
            recoverAbandoned(false);
        } catch (RuntimeException e) {
            LOG.warn("heartbeat failed: {}", e.toString());
        }
    }

    /** At start-up, before any new work: whatever this node ran before it stopped died with it. */
    void recoverOwnAbandoned() {
        recoverAbandoned(true);
    }

    /**
     * Fails RUNNING experiments that no live node runs: with {@code includeOwn} this node's own,
     * and always those whose lease lapsed.
     */
    private void recoverAbandoned(boolean includeOwn) {
        Instant now = clock.instant();
        Instant staleBefore = now.minus(leaseTimeout);
        for (Experiment e : repository.findAbandoned(includeOwn ? node.value() : null, staleBefore, active.ids())) {
            String reason = "interrupted: node '" + e.nodeId() + "' stopped (crash or restart) while this experiment "
                    + "was running, so it did not finish; submit it again to rerun it";
            if (repository.finish(e.id(), ExperimentStatus.RUNNING, ExperimentStatus.FAILED, reason, null, now)) {
                LOG.warn("experiment {} was abandoned by node {}; marked FAILED", e.id(), e.nodeId());
                events.publishEvent(new ExperimentEvent.Finished(e.id(), e.spec().model(), e.spec().workload().kind(),
                        ExperimentStatus.FAILED, Duration.between(e.startedAt(), now)));
            }
        }
    }
}
