package org.concurrencylab.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.experiment.ExperimentEvent;
import org.concurrencylab.experiment.ExperimentService;
import org.concurrencylab.measure.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live progress of experiments: the experiment as it stands first, a {@code status} event on
 * every status change, a {@code progress} event per finished repetition, and the stream ends after
 * the final status. Streaming itself (ids, order, slow clients, limits) is {@link EventStreams}'.
 */
@Component
class ExperimentStreams {

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentStreams.class);

    /** How long past the experiment's time limit a stream stays open at most. */
    static final Duration TIMEOUT_MARGIN = Duration.ofSeconds(30);

    private final ExperimentService experiments;
    private final EventStreams streams;

    ExperimentStreams(ExperimentService experiments, EventStreams streams) {
        this.experiments = experiments;
        this.streams = streams;
    }

    static String topic(String experimentId) {
        return "experiment " + experimentId;
    }

    /** Opens a stream on an experiment that exists (404 before any stream is opened otherwise). */
    SseEmitter subscribe(String id) {
        Experiment existing = experiments.get(id);
        Duration timeout = Duration.ofSeconds(existing.spec().timeLimitSeconds()).plus(TIMEOUT_MARGIN);
        return streams.subscribe(topic(id), timeout, () -> status(experiments.get(id)));
    }

    @EventListener
    void onStarted(ExperimentEvent.Started started) {
        // This node runs it: number its events from now until it finishes, watched or not.
        streams.keepNumbering(topic(started.id()), true);
        publishStatus(started.id());
    }

    @EventListener
    void onRunFinished(ExperimentEvent.RunFinished finished) {
        streams.publish(topic(finished.id()), EventStreams.Event.progress(repetition(finished)));
    }

    /** What a finished repetition tells a follower: how far the experiment is, and the run's wall time. */
    static Map<String, Object> repetition(ExperimentEvent.RunFinished finished) {
        RunResult run = finished.run();
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("done", finished.done());
        progress.put("total", finished.total());
        progress.put("warmup", run.warmup());
        progress.put("baseline", run.baseline());
        progress.put("model", run.model());
        progress.put("wallMillis", run.wallMillis());
        return progress;
    }

    @EventListener
    void onFinished(ExperimentEvent.Finished finished) {
        publishStatus(finished.id());
        streams.keepNumbering(topic(finished.id()), false);
    }

    private void publishStatus(String id) {
        String topic = topic(id);
        if (!streams.isWatched(topic)) {
            return;
        }
        try {
            streams.publish(topic, status(experiments.get(id)));
        } catch (RuntimeException e) {
            LOG.warn("could not read experiment {} for its event streams: {}", id, e.toString());
        }
    }

    private static EventStreams.Event status(Experiment experiment) {
        return EventStreams.Event.status(ExperimentResponse.from(experiment), experiment.status(),
                experiment.status().isTerminal());
    }
}
