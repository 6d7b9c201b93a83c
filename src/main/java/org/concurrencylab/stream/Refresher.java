package org.concurrencylab.stream;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Only the node that runs an experiment sees its events. A followed topic that this node does not
 * run (an experiment another node claimed, a study with cells elsewhere) has its state read again
 * every {@code lab.streams.refresh-interval}: a changed status is sent, an unchanged one is not
 * news, and a final one ends the stream (once it has been final for a round, so that this node's
 * own last events come first), so a stream on any node ends when the run does. A topic deleted
 * meanwhile ({@link TopicGoneException}) ends its streams with a {@code deleted} event.
 */
final class Refresher {

    private static final Logger LOG = LoggerFactory.getLogger(Refresher.class);

    private final Channels channels;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    Refresher(Channels channels, Duration interval) {
        this.channels = channels;
        this.interval = interval;
    }

    void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("lab-sse-refresh").factory());
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Stops between rounds; a round under way only reads and queues, so it is interrupted rather than awaited. */
    void stop() {
        scheduler.shutdownNow();
    }

    /** One round: reads every due topic again, on the calling thread. */
    void refresh() {
        for (Channels.Due due : channels.dueForRefresh()) {
            StreamEvent.Status now;
            try {
                now = due.current().get();
            } catch (TopicGoneException e) {
                channels.gone(due.topic());
                continue;
            } catch (RuntimeException e) {
                LOG.debug("could not read {} again for its event streams: {}", due.topic(), e.toString());
                continue;
            }
            channels.refreshed(due, now);
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; the next round may well succeed.
            LOG.warn("refreshing event streams failed: {}", e.toString());
        }
    }
}
