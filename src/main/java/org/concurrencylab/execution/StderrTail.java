package org.concurrencylab.execution;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a worker's stderr on its own named thread and keeps the last lines for error messages.
 * Draining is not optional: a child that fills its stderr pipe blocks forever.
 *
 * <p>Bounded whatever the worker writes: a line is kept up to {@link #MAX_LINE_CHARS} (the rest of
 * it is read and dropped, so a line without an end costs no memory), and a worker that writes more
 * than its limit in all is killed, which its experiment's reason then names.
 */
final class StderrTail {

    private static final Logger LOG = LoggerFactory.getLogger(StderrTail.class);
    static final int MAX_LINES = 20;
    static final int MAX_LINE_CHARS = 500;

    private final Deque<String> lines = new ArrayDeque<>(MAX_LINES);
    private final Process process;
    private final long maxBytes;
    private final Thread drainer;
    private volatile boolean overflowed;

    private StderrTail(Process process, long maxBytes) {
        this.process = process;
        this.maxBytes = maxBytes;
        long pid = process.pid();
        InputStream stderr = process.getErrorStream();
        this.drainer = Thread.ofPlatform()
                .name("lab-worker-" + pid + "-stderr")
                .daemon()
                .start(() -> drain(stderr, pid));
    }

    /** Drains {@code process}'s stderr, killing it once it has written more than {@code maxBytes}. */
    static StderrTail drain(Process process, long maxBytes) {
        return new StderrTail(process, maxBytes);
    }

    private void drain(InputStream stderr, long pid) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(MAX_LINE_CHARS);
        byte[] buffer = new byte[8192];
        long total = 0;
        try (stderr) {
            int read;
            while ((read = stderr.read(buffer)) >= 0) {
                total += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        keep(line, pid);
                    } else if (line.size() < MAX_LINE_CHARS) {
                        line.write(buffer[i]);
                    }
                }
                if (total > maxBytes && !overflowed) {
                    overflowed = true;
                    LOG.warn("worker {} wrote more than {} bytes to stderr; killing it", pid, maxBytes);
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            }
        } catch (IOException e) {
            // The stream closes under us when the worker is killed; the tail so far is what we have.
            LOG.trace("stderr of worker {} closed: {}", pid, e.toString());
        }
        // A last line without its newline, often the one that says why.
        if (line.size() > 0) {
            keep(line, pid);
        }
    }

    private synchronized void keep(ByteArrayOutputStream line, long pid) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        LOG.debug("worker {}: {}", pid, text);
        if (lines.size() == MAX_LINES) {
            lines.removeFirst();
        }
        lines.addLast(text.length() < MAX_LINE_CHARS ? text : text + "...");
    }

    /** The last lines seen, joined with newlines; empty if the worker wrote nothing. */
    synchronized String tail() {
        return String.join("\n", lines);
    }

    /** Whether the worker wrote more than it may and was killed for it. */
    boolean overflowed() {
        return overflowed;
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
