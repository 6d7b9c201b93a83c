package org.concurrencylab.web;

import java.time.Duration;
import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.experiment.ExperimentEvent;
import org.concurrencylab.experiment.ExperimentNotFoundException;
import org.concurrencylab.experiment.ExperimentService;
import org.concurrencylab.measure.RunResult;
import org.concurrencylab.security.LabUser;
import org.concurrencylab.stream.ExperimentTopic;
import org.concurrencylab.stream.StreamEvent;
import org.concurrencylab.stream.StreamHub;
import org.concurrencylab.stream.TopicGoneException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live progress of experiments: the experiment as it stands first, a {@code status} event on
 * every status change, a {@code progress} event per finished repetition, and the stream ends after
 * the final status. Streaming itself (ids, order, slow clients, limits) is {@link StreamHub}'s.
 */
@Component
public class ExperimentStreams {

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentStreams.class);

    /** How long past the experiment's time limit a stream stays open at most. */
    static final Duration TIMEOUT_MARGIN = Duration.ofSeconds(30);

    private final ExperimentService experiments;
    private final StreamHub hub;

    ExperimentStreams(ExperimentService experiments, StreamHub hub) {
        this.experiments = experiments;
        this.hub = hub;
    }

    /** What a finished repetition tells a follower: how far the experiment is, and the run's wall time. */
    record Progress(int done, int total, boolean warmup, boolean baseline, String model, double wallMillis) {

        static Progress of(ExperimentEvent.RunFinished finished) {
            RunResult run = finished.run();
            return new Progress(finished.done(), finished.total(), run.warmup(), run.baseline(), run.model(),
                    run.wallMillis());
        }
    }

    /**
     * Opens a stream on an experiment the viewer may see (404 before any stream is opened otherwise);
     * what follows is read by the lab itself, on other threads.
     */
    public SseEmitter subscribe(String id, LabUser viewer) {
        Experiment existing = experiments.get(id, viewer);
        Duration timeout = Duration.ofSeconds(existing.spec().timeLimitSeconds()).plus(TIMEOUT_MARGIN);
        return SseEventSink.subscribe(hub, new ExperimentTopic(id), timeout, () -> current(id));
    }

    /** The experiment's state for its streams; once it is deleted, its streams end ({@link TopicGoneException}). */
    private StreamEvent.Status current(String id) {
        try {
            return status(experiments.get(id));
        } catch (ExperimentNotFoundException e) {
            throw new TopicGoneException(e);
        }
    }

    @EventListener
    void onStarted(ExperimentEvent.Started started) {
        ExperimentTopic topic = new ExperimentTopic(started.id());
        // This node runs it: number its events from now until it finishes, watched or not.
        hub.keepNumbering(topic, true);
        // Statuses are looked up only for someone who follows it when it happens.
        if (hub.isWatched(topic)) {
            hub.handOff(() -> publishStatus(topic));
        }
    }

    @EventListener
    void onRunFinished(ExperimentEvent.RunFinished finished) {
        // Published watched or not: numbered while this node runs it, so a later subscriber's first id
        // says how many events came before it.
        StreamEvent.Progress progress = new StreamEvent.Progress(Progress.of(finished));
        hub.handOff(() -> hub.publish(new ExperimentTopic(finished.id()), progress));
    }

    @EventListener
    void onFinished(ExperimentEvent.Finished finished) {
        ExperimentTopic topic = new ExperimentTopic(finished.id());
        if (hub.isWatched(topic)) {
            hub.handOff(() -> publishStatus(topic));
        }
        hub.keepNumbering(topic, false);
    }

    /** Its streams end with a {@code deleted} event, after whatever was handed off before. */
    @EventListener
    void onDeleted(ExperimentEvent.Deleted deleted) {
        ExperimentTopic topic = new ExperimentTopic(deleted.id());
        hub.handOff(() -> hub.publish(topic, StreamEvent.Deleted.of(topic)));
    }

    /** On the hub's hand-off thread: reads the experiment and sends it as it now stands. */
    private void publishStatus(ExperimentTopic topic) {
        try {
            hub.publish(topic, current(topic.id()));
        } catch (TopicGoneException e) {
            LOG.debug("experiment {} was deleted before its status was sent; its deleted event follows", topic.id());
        } catch (RuntimeException e) {
            LOG.warn("could not read experiment {} for its event streams: {}", topic.id(), e.toString());
        }
    }

    private static StreamEvent.Status status(Experiment experiment) {
        return new StreamEvent.Status(ExperimentResponse.from(experiment), experiment.status(),
                experiment.status().isTerminal());
    }
}
