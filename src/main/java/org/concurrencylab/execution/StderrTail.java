package org.concurrencylab.execution;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a worker's stderr on its own named thread and keeps the last lines for error messages.
 * Draining is not optional: a child that fills its stderr pipe blocks forever.
 */
final class StderrTail {

    private static final Logger LOG = LoggerFactory.getLogger(StderrTail.class);
    static final int MAX_LINES = 20;
    private static final int MAX_LINE_CHARS = 500;

    private final Deque<String> lines = new ArrayDeque<>(MAX_LINES);
    private final Thread drainer;

    private StderrTail(Process process, long pid) {
        BufferedReader reader = process.errorReader();
        this.drainer = Thread.ofPlatform()
                .name("lab-worker-" + pid + "-stderr")
                .daemon()
                .start(() -> drain(reader, pid));
    }

    static StderrTail drain(Process process) {
        return new StderrTail(process, process.pid());
    }

    private void drain(BufferedReader reader, long pid) {
        try (reader) {
            String line;
            while ((line = reader.readLine()) != null) {
                LOG.debug("worker {}: {}", pid, line);
                keep(line);
            }
        } catch (IOException e) {
            // The stream closes under us when the worker is killed; the tail so far is what we have.
            LOG.trace("stderr of worker {} closed: {}", pid, e.toString());
        }
    }

    private synchronized void keep(String line) {
        if (lines.size() == MAX_LINES) {
            lines.removeFirst();
        }
        lines.addLast(line.length() <= MAX_LINE_CHARS ? line : line.substring(0, MAX_LINE_CHARS) + "...");
    }

    /** The last lines seen, joined with newlines; empty if the worker wrote nothing. */
    synchronized String tail() {
        return String.join("\n", lines);
    }

    /**
     * Waits for the drainer to reach the end of stderr (it does once the worker has exited), so
     * the tail is complete. Restores the interrupt flag rather than throwing: callers use this
     * while cleaning up and must finish cleaning.
     */
    void join(Duration timeout) {
        try {
            drainer.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
