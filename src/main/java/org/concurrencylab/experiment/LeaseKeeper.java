package org.concurrencylab.experiment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.concurrencylab.execution.ExecutionProperties;
import org.concurrencylab.experiment.LeaseRepository.Holder;
import org.concurrencylab.experiment.LeaseRepository.Lapsed;
import org.concurrencylab.experiment.RunningExperiment.StopReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The leases on RUNNING experiments, all in one place: this node renews its own on every
 * heartbeat (each under the epoch it claimed with; a renewal that changes nothing means another
 * node recorded the lease as lapsed, and the run is stopped), reads there the cancels asked for
 * through other nodes, and records the leases that lapsed because their node died or froze.
 *
 * <p>A database outage stops none of that for good: the runs go on, their leases are renewed when
 * it answers again, and no lease is recorded as lapsed until it has answered for a whole lease
 * timeout ({@link OutageWatch}), so an outage of any length does not fail the experiments of
 * nodes that lived through it.
 */
final class LeaseKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final LeaseRepository leases;
    private final ExperimentRepository repository;
    private final ActiveRuns active;
    private final ApplicationEventPublisher events;
    private final Duration leaseTimeout;
    private final Clock clock;
    private final NodeId node;
    private final OutageWatch database;

    LeaseKeeper(LeaseRepository leases, ExperimentRepository repository, ActiveRuns active,
            ApplicationEventPublisher events, ExecutionProperties properties, Clock clock, NodeId node) {
        this.leases = leases;
        this.repository = repository;
        this.active = active;
        this.events = events;
        this.leaseTimeout = properties.leaseTimeout();
        this.clock = clock;
        this.node = node;
        this.database = new OutageWatch(clock.instant());
    }

    /**
     * Renews, picks up cancels, records lapsed leases. Never throws: a scheduled task that throws
     * is not run again, and the database may not answer for a while.
     */
    void heartbeat() {
        Instant now = clock.instant();
        try {
            for (RunningExperiment run : active.runs()) {
                renew(run, now);
            }
            repository.cancelRequested(active.ids()).forEach(id -> active.stop(id, StopReason.CANCELLED));
            // Looked for on every beat, whether or not they may be recorded yet: this query is also
            // how an idle node learns that the database answers.
            List<Lapsed> lapsed = leases.findLapsed(null, now.minus(leaseTimeout), active.ids());
            database.answered(clock.instant()).ifPresent(outage -> LOG.warn(
                    "the database answers again after {} s", outage.toSeconds()));
            if (database.answeringFor(leaseTimeout, now)) {
                record(lapsed, null, clock.instant());
            }
        } catch (RuntimeException e) {
            if (database.failed(now)) {
                LOG.warn("heartbeat failed, the database does not answer ({}); running experiments go on and their "
                        + "outcomes are written when it is back", e.toString());
            } else {
                LOG.debug("heartbeat failed again: {}", e.toString());
            }
        }
    }

    /** At start-up, before any new work: whatever this node ran before it stopped died with it. */
    void recoverOwnAbandoned() {
        Instant now = clock.instant();
        record(leases.findLapsed(node.value(), now.minus(leaseTimeout), active.ids()), node.value(), now);
    }

    private void renew(RunningExperiment run, Instant now) {
        if (leases.renew(run.lease, now)) {
            run.renewed(now);
            return;
        }
        Holder holder = leases.holder(run.id()).orElse(null);
        if (holder != null && holder.epoch() == run.lease.epoch() && holder.status().isTerminal()) {
            // Its own outcome was written between listing the runs and renewing: nothing was lost.
            return;
        }
        LOG.warn("experiment {}: the lease of node {} (epoch {}) was taken over: {}; stopping the run, since nothing "
                + "it writes can change the outcome any more", run.id(), node.value(), run.lease.epoch(),
                holder == null ? "the experiment is gone" : "node " + holder.nodeId() + " recorded it as "
                        + holder.status() + " (epoch " + holder.epoch() + ")");
        active.stop(run.id(), StopReason.LEASE_LOST);
    }

    /**
     * Records lapsed leases as FAILED, each with the reason it lapsed: this node's own from before
     * its restart ({@code restartedNode}), or not renewed for a lease timeout.
     */
    private void record(List<Lapsed> found, String restartedNode, Instant now) {
        for (Lapsed lapsed : found) {
            String reason = reason(lapsed, restartedNode, now);
            if (leases.expire(lapsed, node.value(), reason, now)) {
                LOG.warn("experiment {}: marked FAILED: {}", lapsed.id(), reason);
                events.publishEvent(new ExperimentEvent.Finished(lapsed.id(), lapsed.model(), lapsed.workloadKind(),
                        ExperimentStatus.FAILED, Duration.between(lapsed.startedAt(), now)));
            }
        }
    }

    private String reason(Lapsed lapsed, String restartedNode, Instant now) {
        String rerun = ", so this experiment did not finish; submit it again to rerun it";
        if (lapsed.nodeId().equals(restartedNode)) {
            return "interrupted: node '" + lapsed.nodeId() + "' restarted while this experiment was running" + rerun;
        }
        long silent = Duration.between(lapsed.heartbeatAt(), now).toSeconds();
        return database.outageEndedAfter(lapsed.heartbeatAt())
                .map(outage -> "database unavailable for " + outage.toSeconds() + " s; lease expired: node '"
                        + lapsed.nodeId() + "' did not renew it in the " + leaseTimeout.toSeconds()
                        + " s after the database came back" + rerun)
                .orElse("lease expired: node '" + lapsed.nodeId() + "' did not renew it for " + silent
                        + " s (a crash, a freeze, or a lost connection to the database)" + rerun);
    }
}
