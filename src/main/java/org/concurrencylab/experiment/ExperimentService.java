package org.concurrencylab.experiment;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.concurrencylab.security.LabUser;
import org.concurrencylab.security.NotYoursException;
import org.concurrencylab.security.Owner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The public face of experiments: submit, read, list, cancel, share, delete. What a user asks for goes
 * through the methods that take the user: an experiment the user may not read answers exactly as
 * one that does not exist.
 */
@Service
public class ExperimentService {

    /** How long a cancel waits for a running experiment to stop before answering. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);

    private final ExperimentRepository repository;
    private final SpecValidator validator;
    private final ExperimentDispatcher dispatcher;
    private final LimitsProperties limits;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final FinishWaiters finishWaiters;
    private final PastRuns pastRuns;
    private final ExperimentRemovals removals;
    private final TransactionTemplate transaction;

    ExperimentService(ExperimentRepository repository, SpecValidator validator, ExperimentDispatcher dispatcher,
            LimitsProperties limits, ApplicationEventPublisher events, Clock clock, FinishWaiters finishWaiters,
            PastRuns pastRuns, ExperimentRemovals removals, PlatformTransactionManager transactions) {
        this.repository = repository;
        this.validator = validator;
        this.dispatcher = dispatcher;
        this.limits = limits;
        this.events = events;
        this.clock = clock;
        this.finishWaiters = finishWaiters;
        this.pastRuns = pastRuns;
        this.removals = removals;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Validates and queues an experiment of {@code owner}'s, with its estimate; it is stored before
     * anyone hears of it. 400 when its workload's waits alone pass its time limit (see
     * {@link SpecValidator}); 429 ({@link QueueFullException}) when the queue, or the owner's quota, is full.
     */
    public Experiment submit(ExperimentSpec spec, LabUser owner) {
        ResolvedSpec resolved = validator.resolve(spec);
        Estimate estimate = estimate(resolved);
        String ownerId = owner == null ? null : owner.id();
        // The quota's count and the insert as one, a user's submits one after another on any node
        // (the user's row locked), so two at once cannot both take the quota's last place. Heard of
        // only once committed: a node woken by the event must find the row.
        Experiment experiment = transaction.execute(status -> {
            if (ownerId != null) {
                repository.lockOwner(ownerId);
            }
            checkRoomFor(ownerId, 1, false);
            Experiment queued = new Experiment(UUID.randomUUID().toString(), resolved, ExperimentStatus.QUEUED, null,
                    clock.instant(), null, null, null, null, Owner.of(owner), false, estimate);
            repository.insert(queued);
            return queued;
        });
        events.publishEvent(new ExperimentEvent.Submitted(experiment.id(), resolved.model(), resolved.workload().kind()));
        return experiment;
    }

    /**
     * Refuses with 429 unless a study's {@code cells} fit, all of them, both in the queue and in the
     * quota of {@code owner}, who will own them ({@code lab.limits.per-user.queued}): a study checks
     * all its cells at once, before it stores any, and a full queue's detail names the cells needed
     * and the room left.
     */
    public void checkRoomForStudy(int cells, LabUser owner) {
        checkRoomFor(owner == null ? null : owner.id(), cells, true);
    }

    private void checkRoomFor(String ownerId, int count, boolean study) {
        long room = Math.max(0, limits.queueCapacity() - repository.countQueued());
        if (count > room) {
            throw study
                    ? QueueFullException.forStudy(count, room, limits.queueCapacity(), limits.retryAfter())
                    : QueueFullException.withCapacity(limits.queueCapacity(), limits.retryAfter());
        }
        int quota = limits.perUser().queued();
        long active = ownerId == null ? 0 : repository.countActive(ownerId);
        if (ownerId != null && active + count > quota) {
            throw study
                    ? QueueFullException.userQuotaForStudy(count, Math.max(0, quota - active), quota, limits.retryAfter())
                    : QueueFullException.userQuota(quota, limits.retryAfter());
        }
    }

    /**
     * Earlier runs of the same work on this node when there are some (they include the computing and
     * the lab's own work), else the lower bound of the workload's waits, else none.
     */
    private Estimate estimate(ResolvedSpec spec) {
        Optional<WaitBound> bound = WaitBound.of(spec);
        return pastRuns.estimate(spec, dispatcher.nodeId())
                // Never below what the waits alone take, whatever the machine did before.
                .map(past -> bound.filter(b -> b.seconds() > past.seconds()).map(WaitBound::estimate).orElse(past))
                .or(() -> bound.map(WaitBound::estimate))
                .orElse(null);
    }

    /**
     * The experiment as the lab itself reads it (streams, studies' tables, waiting for the end),
     * whoever owns it; a user's request reads through {@link #get(String, LabUser)}.
     */
    public Experiment get(String id) {
        return repository.findById(id).orElseThrow(() -> ExperimentNotFoundException.forId(id));
    }

    /** The experiment if {@code viewer} may see it; otherwise exactly as if there were none. */
    public Experiment get(String id, LabUser viewer) {
        return repository.findById(id)
                .filter(e -> viewer.mayRead(e.owner(), e.shared()))
                .orElseThrow(() -> ExperimentNotFoundException.forId(id));
    }

    /** Of what {@code viewer} may see. */
    public ExperimentPage list(ExperimentFilter filter, LabUser viewer, int page, int size) {
        long total = repository.count(filter, viewer);
        return new ExperimentPage(repository.list(filter, viewer, page, size), page, size, total,
                (int) ((total + size - 1) / size));
    }

    /**
     * Shares the experiment with every signed-in user, or takes that back. Only those who may cancel
     * it may: a user it is shared with gets a 403, anyone else a 404.
     */
    public Experiment share(String id, boolean shared, LabUser by) {
        changeable(id, "share", by);
        repository.setShared(id, shared);
        return get(id);
    }

    private Experiment changeable(String id, String action, LabUser by) {
        Experiment experiment = get(id, by);
        if (!by.mayChange(experiment.owner())) {
            throw NotYoursException.toChange(action, "experiment '" + id + "'");
        }
        return experiment;
    }

    public long queued() {
        return repository.countQueued();
    }

    public int runningHere() {
        return dispatcher.runningCount();
    }

    public String nodeId() {
        return dispatcher.nodeId();
    }

    /**
     * Cancels a queued experiment at once, or stops a running one and waits briefly for it to
     * stop. Returns the experiment as it then stands. Only its owner, the owner's teacher and admins
     * may.
     */
    public Experiment cancel(String id, LabUser by) throws InterruptedException {
        changeable(id, "cancel", by);
        return stop(id, true);
    }

    /**
     * Deletes the experiment: a queued or running one is cancelled first, and it is gone once it has
     * stopped. Only those who may cancel it may; a cell of a study goes only with its study (409
     * naming it); one still stopping on another node when the cancel's wait runs out is a 409 too.
     */
    public void delete(String id, LabUser by) throws InterruptedException {
        Experiment experiment = changeable(id, "delete", by);
        Optional<String> study = removals.studyOf(id);
        if (study.isPresent()) {
            throw ExperimentConflictException.cellOfStudy(id, study.get());
        }
        if (!experiment.status().isTerminal() && !stop(id, false).status().isTerminal()) {
            throw ExperimentConflictException.stillStopping(id, get(id).status());
        }
        removeFinished(List.of(id), ExperimentEvent.Remover.USER);
    }

    /**
     * Removes those of {@code ids} that are finished and are no study's cell, as the lab itself (a
     * study's deletion after it unlinked its cells, the retention rules); returns how many it removed.
     */
    public int removeFinished(Collection<String> ids, ExperimentEvent.Remover by) {
        List<ExperimentEvent.Deleted> deleted = removals.deleteFinished(ids, by);
        deleted.forEach(events::publishEvent);
        return deleted.size();
    }

    /**
     * Cancels a queued experiment, or stops a running one and waits briefly; returns it as it then
     * stands. A finished one is a 409 when {@code refuseFinished}, else returned as it is.
     */
    private Experiment stop(String id, boolean refuseFinished) throws InterruptedException {
        for (int attempt = 0; attempt < 3; attempt++) {
            Experiment experiment = get(id);
            switch (experiment.status()) {
                case QUEUED -> {
                    if (repository.finish(id, ExperimentStatus.QUEUED, ExperimentStatus.CANCELLED,
                            "cancelled by request before it started", null, clock.instant())) {
                        events.publishEvent(new ExperimentEvent.Finished(id, experiment.spec().model(),
                                experiment.spec().workload().kind(), ExperimentStatus.CANCELLED, Duration.ZERO));
                        return get(id);
                    }
                    // It was claimed meanwhile: look again.
                }
                case RUNNING -> {
                    if (!dispatcher.stop(id, RunningExperiment.StopReason.CANCELLED)) {
                        repository.requestCancel(id);
                    }
                    return awaitFinished(id, CANCEL_WAIT);
                }
                case SUCCEEDED, FAILED, CANCELLED, TIMED_OUT -> {
                    if (refuseFinished) {
                        throw ExperimentConflictException.cannotCancel(id, experiment.status());
                    }
                    return experiment;
                }
            }
        }
        return get(id);
    }

    /**
     * Waits up to {@code timeout} for the experiment to reach a terminal status, on whichever node
     * it runs; returns it as it then is.
     */
    public Experiment awaitFinished(String id, Duration timeout) throws InterruptedException {
        return finishWaiters.await(id, timeout, this::get);
    }
}
