package org.concurrencylab.retention;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.concurrencylab.experiment.ExperimentEvent;
import org.concurrencylab.experiment.ExperimentService;
import org.concurrencylab.study.StudyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Applies the retention rules every {@code lab.retention.interval}: first everything finished longer
 * ago than {@code max-age}, then the oldest finished work until at most {@code max-experiments}
 * remain. Each removal publishes its experiments' deletion events (the metric
 * {@code lab_experiments_deleted_total{by="retention"}} counts them) and a sweep that removed
 * something says how much in the log.
 */
@Component
class Retention implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final RetentionProperties properties;
    private final RetentionRepository repository;
    private final ExperimentService experiments;
    private final StudyService studies;
    private final Clock clock;
    private volatile ScheduledExecutorService scheduler;

    Retention(RetentionProperties properties, RetentionRepository repository, ExperimentService experiments,
            StudyService studies, Clock clock) {
        this.properties = properties;
        this.repository = repository;
        this.experiments = experiments;
        this.studies = studies;
        this.clock = clock;
    }

    /** One sweep on the calling thread; returns how many experiments it removed (cells included). */
    int sweep() {
        Tally tally = new Tally();
        if (properties.maxAge() != null) {
            for (RetentionRepository.Removable old : repository.finishedBefore(clock.instant().minus(properties.maxAge()))) {
                tally.add(old, remove(old));
            }
        }
        if (properties.maxExperiments() != null) {
            long excess = repository.countExperiments() - properties.maxExperiments();
            if (excess > 0) {
                // At most 10,000 rows a sweep, so one sweep stays short; the next goes on.
                for (RetentionRepository.Removable oldest : repository.oldest((int) Math.min(excess, 10_000))) {
                    if (excess <= 0) {
                        break;
                    }
                    int gone = remove(oldest);
                    tally.add(oldest, gone);
                    excess -= gone;
                }
            }
        }
        if (tally.total() > 0) {
            LOG.info("retention removed {} finished experiments: {} on their own, {} in {} whole studies "
                    + "(lab.retention.max-age {}, max-experiments {})", tally.total(), tally.alone, tally.cells,
                    tally.studies, properties.maxAge(), properties.maxExperiments());
        }
        return tally.total();
    }

    /** What one sweep removed. */
    private static final class Tally {
        int alone;
        int studies;
        int cells;

        void add(RetentionRepository.Removable removable, int gone) {
            if (gone == 0) {
                return;
            }
            if (removable.studyId() != null) {
                studies++;
                cells += gone;
            } else {
                alone += gone;
            }
        }

        int total() {
            return alone + cells;
        }
    }

    private int remove(RetentionRepository.Removable removable) {
        return removable.studyId() != null
                ? studies.removeFinished(removable.studyId(), ExperimentEvent.Remover.RETENTION)
                : experiments.removeFinished(List.of(removable.experimentId()), ExperimentEvent.Remover.RETENTION);
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; the next sweep may well succeed.
            LOG.warn("retention could not remove old experiments this time: {}", e.toString());
        }
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lab-retention")
                .factory());
        long every = properties.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** Between sweeps: a sweep under way is one database statement at a time, so it is interrupted. */
    @Override
    public void stop() {
        ScheduledExecutorService running = scheduler;
        scheduler = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
