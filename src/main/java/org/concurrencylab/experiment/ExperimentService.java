package org.concurrencylab.experiment;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.concurrencylab.security.CurrentUser;
import org.concurrencylab.security.LabUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** The public face of experiments: submit, read, list, cancel. */
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

    ExperimentService(ExperimentRepository repository, SpecValidator validator, ExperimentDispatcher dispatcher,
            LimitsProperties limits, ApplicationEventPublisher events, Clock clock, FinishWaiters finishWaiters) {
        this.repository = repository;
        this.validator = validator;
        this.dispatcher = dispatcher;
        this.limits = limits;
        this.events = events;
        this.clock = clock;
        this.finishWaiters = finishWaiters;
    }

    /**
     * Validates and queues an experiment for the calling user; it is stored before anyone hears of
     * it. 429 ({@link QueueFullException}) when the queue, or the user's quota, is full.
     */
    public Experiment submit(ExperimentSpec spec) {
        ResolvedSpec resolved = validator.resolve(spec);
        String ownerId = callerId();
        checkRoomFor(ownerId, 1, false);
        Experiment experiment = new Experiment(UUID.randomUUID().toString(), resolved, ExperimentStatus.QUEUED, null,
                clock.instant(), null, null, null, null);
        repository.insert(experiment, ownerId);
        events.publishEvent(new ExperimentEvent.Submitted(experiment.id(), resolved.model(), resolved.workload().kind()));
        return experiment;
    }

    /**
     * Refuses with 429 unless a study's {@code cells} fit, all of them, both in the queue and in the
     * calling user's quota ({@code lab.limits.per-user.queued}): a study checks all its cells at
     * once, before it stores any, and a full queue's detail names the cells needed and the room left.
     */
    public void checkRoomForStudy(int cells) {
        checkRoomFor(callerId(), cells, true);
    }

    private void checkRoomFor(String ownerId, int count, boolean study) {
        long room = Math.max(0, limits.queueCapacity() - repository.countQueued());
        if (count > room) {
            throw study
                    ? QueueFullException.forStudy(count, room, limits.queueCapacity(), limits.retryAfter())
                    : QueueFullException.withCapacity(limits.queueCapacity(), limits.retryAfter());
        }
        int quota = limits.perUser().queued();
        if (ownerId != null && repository.countActive(ownerId) + count > quota) {
            throw QueueFullException.userQuota(quota, limits.retryAfter());
        }
    }

    /** The submitting user: read on the request's thread; null for work started outside a request. */
    private static String callerId() {
        return CurrentUser.ofThisThread().map(LabUser::id).orElse(null);
    }

    public Experiment get(String id) {
        return repository.findById(id).orElseThrow(() -> ExperimentNotFoundException.forId(id));
    }

    public ExperimentPage list(ExperimentFilter filter, int page, int size) {
        long total = repository.count(filter);
        return new ExperimentPage(repository.list(filter, page, size), page, size, total,
                (int) ((total + size - 1) / size));
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
     * stop. Returns the experiment as it then stands.
     */
    public Experiment cancel(String id) throws InterruptedException {
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
                case SUCCEEDED, FAILED, CANCELLED, TIMED_OUT -> throw ExperimentConflictException.cannotCancel(id,
                        experiment.status());
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
