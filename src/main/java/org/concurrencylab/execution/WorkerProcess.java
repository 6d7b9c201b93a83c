package org.concurrencylab.execution;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.concurrencylab.worker.Frame;
import org.concurrencylab.worker.FrameException;
import org.concurrencylab.worker.Frames;

/**
 * One started worker JVM and its three pipes. Frames go through {@link #send} and
 * {@link #receive}, which only one thread (the worker's pipe thread, through its
 * {@link WorkerSession}) uses; stderr is drained by {@link StderrTail}. Made by
 * {@link WorkerLauncher#start()}.
 */
final class WorkerProcess {

    private final Process process;
    private final long startedAtNanos;
    private final Duration exitWait;
    private final boolean aotCache;
    private final Consumer<WorkerSpawned> onReady;
    private final DataOutputStream toWorker;
    private final DataInputStream fromWorker;
    private final StderrTail stderr;
    /** Tells which limit a failure was; null for the JVMs that build the AOT cache, which run under none. */
    private final LimitBreach breach;
    /** prlimit setting the worker's OS limits beside its start ({@link OsLimits}); null: none to wait for. */
    private volatile Process limitsBeingSet;

    WorkerProcess(
            Process process, long startedAtNanos, Duration exitWait, boolean aotCache, Consumer<WorkerSpawned> onReady) {
        this(process, startedAtNanos, exitWait, aotCache, onReady, null, (long) WorkerLimits.DEFAULT_STDERR_KB << 10);
    }

    /**
     * @param breach tells which of the worker's limits a failure was, or null
     * @param maxStderrBytes what the worker may write to stderr before it is killed
     */
    WorkerProcess(Process process, long startedAtNanos, Duration exitWait, boolean aotCache,
            Consumer<WorkerSpawned> onReady, LimitBreach breach, long maxStderrBytes) {
        this.process = process;
        this.breach = breach;
        this.startedAtNanos = startedAtNanos;
        this.exitWait = exitWait;
        this.aotCache = aotCache;
        this.onReady = onReady;
        // Process streams are buffered already; each frame is flushed as a whole in send().
        this.toWorker = new DataOutputStream(process.getOutputStream());
        this.fromWorker = new DataInputStream(new BufferedInputStream(process.getInputStream()));
        this.stderr = StderrTail.drain(process, maxStderrBytes);
    }

    long pid() {
        return process.pid();
    }

    /** Whether this JVM was started from the AOT cache. */
    boolean aotCache() {
        return aotCache;
    }

    Process process() {
        return process;
    }

    StderrTail stderr() {
        return stderr;
    }

    /**
     * Reads the READY frame and announces the worker.
     *
     * @return nanoseconds from {@code ProcessBuilder.start()} to READY received
     * @throws FrameException if the first thing on stdout is not a READY frame of our protocol
     */
    long awaitReady() throws IOException {
        Frame first = receive();
        long spawnNanos = System.nanoTime() - startedAtNanos;
        if (!(first instanceof Frame.Ready)) {
            throw new FrameException("worker " + pid() + " sent " + first.type() + " before READY");
        }
        awaitLimits();
        onReady.accept(new WorkerSpawned(pid(), spawnNanos));
        return spawnNanos;
    }

    void settingLimits(Process prlimit) {
        this.limitsBeingSet = prlimit;
    }

    /**
     * No work before the worker's OS limits are set: waits for the prlimit started beside it (done
     * long before the JVM says READY, as a rule), and fails the worker if they could not be set.
     */
    private void awaitLimits() throws IOException {
        Process prlimit = limitsBeingSet;
        if (prlimit == null) {
            return;
        }
        try {
            if (!prlimit.waitFor(exitWait.toMillis(), TimeUnit.MILLISECONDS)) {
                prlimit.destroyForcibly();
                throw new IOException("worker " + pid() + ": its OS limits were not set within " + exitWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the worker's OS limits were being set", e);
        }
        if (prlimit.exitValue() != 0) {
            String said = new String(prlimit.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            throw new IOException("worker " + pid() + ": its OS limits could not be set: " + said.strip());
        }
    }

    void send(Frame frame) throws IOException {
        Frames.write(toWorker, frame);
        toWorker.flush();
    }

    Frame receive() throws IOException {
        return Frames.read(fromWorker);
    }

    /** Closing stdin is how a worker is told to exit; it halts at once, even mid-task. */
    void closeInput() {
        try {
            toWorker.close();
        } catch (IOException e) {
            // Already closed, or the worker is gone: either way it has no more input.
        }
    }

    /**
     * What to tell the user when this worker's pipes failed: waits a bounded time for it to exit,
     * then names the limit it ran into if it was one, its exit code and the last lines of its
     * stderr, like JMH does for a failed fork.
     */
    ExecutionFailedException failure(String what, IOException cause) {
        Integer exitCode;
        try {
            exitCode = process.waitFor(exitWait.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exitCode = process.isAlive() ? null : process.exitValue();
        }
        // The drainer reaches the end of stderr once the worker has exited: then the tail is complete.
        stderr.join(Duration.ofSeconds(1));
        String exit = exitCode == null ? "still running" : "exit code " + exitCode;
        String broke = cause instanceof EOFException || cause.getMessage() == null ? "its output ended" : cause.getMessage();
        return new ExecutionFailedException("worker " + pid() + exceeded(exitCode) + " " + what + " (" + exit + "; "
                + broke + ")" + stderrTail(), cause);
    }

    /** A worker must exit 0 once its stdin is closed; anything else is a failure, whatever it sent. */
    void awaitCleanExit() throws InterruptedException, ExecutionFailedException {
        if (!process.waitFor(exitWait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new ExecutionFailedException(
                    "worker " + pid() + " did not exit within " + exitWait.toMillis() + " ms of its stdin closing");
        }
        if (process.exitValue() != 0) {
            stderr.join(Duration.ofSeconds(1));
            throw new ExecutionFailedException("worker " + pid() + exceeded(process.exitValue()) + " exited with exit code "
                    + process.exitValue() + stderrTail());
        }
    }

    /** A task's failure as the worker reported it, with the limit it names if it was one. */
    ExecutionFailedException taskFailed(int index, String message) {
        String limit = breach == null ? "" : breach.ofTaskFailure(message)
                .map(l -> " (worker " + pid() + " ran into " + l + ")").orElse("");
        return new ExecutionFailedException("task " + index + " failed: " + message + limit);
    }

    /** " exceeded its heap limit (...) and", or nothing when the failure was no limit's. */
    private String exceeded(Integer exitCode) {
        return breach == null ? "" : breach.ofExit(exitCode, stderr.tail(), stderr.overflowed())
                .map(limit -> " exceeded " + limit + " and").orElse("");
    }

    private String stderrTail() {
        String tail = stderr.tail();
        return tail.isEmpty() ? "; its stderr was empty" : "; last lines of its stderr:\n" + tail;
    }
}
