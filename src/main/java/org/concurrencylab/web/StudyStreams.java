package org.concurrencylab.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Duration;
import java.util.Optional;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.ExperimentEvent;
import org.concurrencylab.experiment.ExperimentStatus;
import org.concurrencylab.security.LabUser;
import org.concurrencylab.stream.StreamEvent;
import org.concurrencylab.stream.StreamHub;
import org.concurrencylab.stream.StudyTopic;
import org.concurrencylab.stream.TopicGoneException;
import org.concurrencylab.study.StudyDeleted;
import org.concurrencylab.study.StudyNotFoundException;
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
 * and the stream ends after the final status. Streaming itself (ids, order, slow clients, limits)
 * is {@link StreamHub}'s. Nothing is looked up for cells of studies nobody follows.
 */
@Component
public class StudyStreams {

    private static final Logger LOG = LoggerFactory.getLogger(StudyStreams.class);

    /** A study has no time limit of its own (its cells do); a client that reconnects gets the current state. */
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final StudyService studies;
    private final StreamHub hub;

    StudyStreams(StudyService studies, StreamHub hub) {
        this.studies = studies;
        this.hub = hub;
    }

    /** A finished repetition of one of the study's cells; {@code done} and {@code total} count that cell's runs. */
    record CellRepetition(String experimentId, @JsonUnwrapped ExperimentStreams.Progress run) {}

    /**
     * A finished cell, and how many of the study's cells are done.
     *
     * @param row the cell's numbers from the study's table, absent when the table has no row for it
     */
    record CellProgress(int done, int total, String experimentId, ExperimentStatus status, @JsonUnwrapped Row row) {

        record Row(ExecutionModel model, int parallelism, Double medianWallMillis, Double speedup) {}

        static CellProgress of(StudyReport report, ExperimentEvent.Finished finished) {
            Row row = report.table().stream().filter(r -> finished.id().equals(r.experimentId())).findFirst()
                    .map(r -> new Row(r.model(), r.parallelism(), r.medianWallMillis(), r.speedup()))
                    .orElse(null);
            return new CellProgress(report.progress().done(), report.progress().total(), finished.id(),
                    finished.status(), row);
        }
    }

    /** Opens a stream on a study the viewer may see (404 before any stream is opened otherwise). */
    public SseEmitter subscribe(String id, LabUser viewer) {
        studies.get(id, viewer);
        return SseEventSink.subscribe(hub, new StudyTopic(id), TIMEOUT, () -> {
            try {
                return status(studies.get(id));
            } catch (StudyNotFoundException e) {
                // Deleted: its streams end (see onDeleted for this node's own deletions).
                throw new TopicGoneException(e);
            }
        });
    }

    /** Its streams end with a {@code deleted} event, after whatever was handed off before. */
    @EventListener
    void onDeleted(StudyDeleted deleted) {
        StudyTopic topic = new StudyTopic(deleted.id());
        hub.handOff(() -> hub.publish(topic, StreamEvent.Deleted.of(topic)));
    }

    @EventListener
    void onCellStarted(ExperimentEvent.Started started) {
        whenAStudyIsWatched(() -> watchedStudyOf(started.id())
                .ifPresent(topic -> hub.publish(topic, status(studies.get(topic.id())))));
    }

    @EventListener
    void onCellRepetition(ExperimentEvent.RunFinished finished) {
        CellRepetition repetition = new CellRepetition(finished.id(), ExperimentStreams.Progress.of(finished));
        whenAStudyIsWatched(() -> watchedStudyOf(finished.id())
                .ifPresent(topic -> hub.publish(topic, new StreamEvent.Repetition(repetition))));
    }

    @EventListener
    void onCellFinished(ExperimentEvent.Finished finished) {
        whenAStudyIsWatched(() -> watchedStudyOf(finished.id()).ifPresent(topic -> {
            StudyReport report = studies.get(topic.id());
            hub.publish(topic, new StreamEvent.Progress(CellProgress.of(report, finished)));
            hub.publish(topic, status(report));
        }));
    }

    /** Hands {@code publish} off the experiment's thread, and only while someone follows some study. */
    private void whenAStudyIsWatched(Runnable publish) {
        if (hub.watchesAny(StudyTopic.class)) {
            hub.handOff(publish);
        }
    }

    /** The study of a cell when someone follows it. */
    private Optional<StudyTopic> watchedStudyOf(String experimentId) {
        try {
            return studies.studyOf(experimentId).map(StudyTopic::new).filter(hub::isWatched);
        } catch (RuntimeException e) {
            LOG.warn("could not find the study of experiment {} for its event streams: {}", experimentId, e.toString());
            return Optional.empty();
        }
    }

    private static StreamEvent.Status status(StudyReport report) {
        return new StreamEvent.Status(report, report.status(), report.status().isTerminal());
    }
}
