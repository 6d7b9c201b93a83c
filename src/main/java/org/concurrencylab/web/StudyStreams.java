package org.concurrencylab.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.concurrencylab.experiment.ExperimentEvent;
import org.concurrencylab.study.StudyReport;
import org.concurrencylab.study.StudyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live progress of studies: the study as it stands first ({@code status}), a {@code status} event
 * when its status changes (its first cell starts, its last one ends), a {@code repetition} event
 * per finished repetition of a cell, a {@code progress} event whenever one of its cells finishes,
 * and the stream ends after the final status. Streaming itself
 * (ids, order, slow clients, limits) is {@link EventStreams}'. Nothing is looked up for cells of
 * studies nobody follows.
 */
@Component
class StudyStreams {

    private static final Logger LOG = LoggerFactory.getLogger(StudyStreams.class);
    private static final String PREFIX = "study ";

    /** A study has no time limit of its own (its cells do); a client that reconnects gets the current state. */
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final StudyService studies;
    private final EventStreams streams;

    StudyStreams(StudyService studies, EventStreams streams) {
        this.studies = studies;
        this.streams = streams;
    }

    /** Opens a stream on a study that exists (404 before any stream is opened otherwise). */
    SseEmitter subscribe(String id) {
        studies.get(id);
        return streams.subscribe(PREFIX + id, TIMEOUT, () -> status(studies.get(id)));
    }

    @EventListener
    void onCellStarted(ExperimentEvent.Started started) {
        watchedStudyOf(started.id()).ifPresent(id -> streams.publish(PREFIX + id, status(studies.get(id))));
    }

    @EventListener
    void onCellRepetition(ExperimentEvent.RunFinished finished) {
        watchedStudyOf(finished.id()).ifPresent(id -> {
            Map<String, Object> repetition = new LinkedHashMap<>();
            repetition.put("experimentId", finished.id());
            repetition.putAll(ExperimentStreams.repetition(finished));
            streams.publish(PREFIX + id, new EventStreams.Event("repetition", repetition, null, false));
        });
    }

    @EventListener
    void onCellFinished(ExperimentEvent.Finished finished) {
        watchedStudyOf(finished.id()).ifPresent(id -> {
            StudyReport report = studies.get(id);
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put("done", report.progress().done());
            progress.put("total", report.progress().total());
            progress.put("experimentId", finished.id());
            progress.put("status", finished.status().name());
            report.table().stream().filter(row -> finished.id().equals(row.experimentId())).findFirst().ifPresent(row -> {
                progress.put("model", row.model());
                progress.put("parallelism", row.parallelism());
                progress.put("medianWallMillis", row.medianWallMillis());
                progress.put("speedup", row.speedup());
            });
            streams.publish(PREFIX + id, EventStreams.Event.progress(progress));
            streams.publish(PREFIX + id, status(report));
        });
    }

    /** The study of a cell when someone follows it; no database read while no study is followed. */
    private Optional<String> watchedStudyOf(String experimentId) {
        if (streams.watched().stream().noneMatch(topic -> topic.startsWith(PREFIX))) {
            return Optional.empty();
        }
        try {
            return studies.studyOf(experimentId).filter(id -> streams.isWatched(PREFIX + id));
        } catch (RuntimeException e) {
            LOG.warn("could not find the study of experiment {} for its event streams: {}", experimentId, e.toString());
            return Optional.empty();
        }
    }

    private static EventStreams.Event status(StudyReport report) {
        return EventStreams.Event.status(report, report.status(), report.status().isTerminal());
    }
}
