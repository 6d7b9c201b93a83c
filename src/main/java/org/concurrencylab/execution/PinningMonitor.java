package org.concurrencylab.execution;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.consumer.RecordingStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts {@code jdk.VirtualThreadPinned} JFR events while a run lasts, in-process, so users see
 * when a virtual thread blocked while pinned to its carrier (a monitor held around blocking IO on
 * JDK 21 to 23; native frames or a class initializer on later JDKs). The events of the whole JVM
 * are counted, which on a node that runs one experiment at a time are the run's own.
 */
final class PinningMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PinningMonitor.class);
    private static final String EVENT = "jdk.VirtualThreadPinned";

    private final AtomicLong pinned = new AtomicLong();
    private final RecordingStream stream;

    private PinningMonitor(RecordingStream stream) {
        this.stream = stream;
    }

    /** A monitor that watches nothing, for runs whose tasks cannot block. */
    static PinningMonitor none() {
        return new PinningMonitor(null);
    }

    /** Starts counting; where JFR is unavailable the monitor counts nothing and says so. */
    static PinningMonitor start() {
        try {
            RecordingStream stream = new RecordingStream();
            // Every pinned block counts, not only those over JFR's default 20 ms threshold.
            stream.enable(EVENT).withThreshold(Duration.ZERO);
            PinningMonitor monitor = new PinningMonitor(stream);
            stream.onEvent(EVENT, event -> monitor.pinned.incrementAndGet());
            stream.startAsync();
            return monitor;
        } catch (RuntimeException | Error e) {
            LOG.warn("JFR is unavailable, pinning will not be counted: {}", e.toString());
            return new PinningMonitor(null);
        }
    }

    boolean available() {
        return stream != null;
    }

    /** Stops the recording, after which every event of the run has been delivered, and returns the count. */
    long stop() {
        if (stream != null) {
            stream.stop();
        }
        return pinned.get();
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }
}
