package org.concurrencylab.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A third-party program (Chromium, promtool, Prometheus) started by an ops test. Its stdout and
 * stderr go to files, so the program never blocks on a full pipe and the output is still there to
 * quote when it fails. Stopping it takes its child processes along (Chromium forks several).
 */
final class ExternalProcess implements AutoCloseable {

    private static final int TAIL_LINES = 40;

    private final List<String> command;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ExternalProcess(List<String> command, Process process, Path stdout, Path stderr) {
        this.command = command;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code command} with its output in {@code outputDir}, stdin from {@code input} or empty. */
    static ExternalProcess start(List<String> command, Path outputDir, Path input) {
        try {
            Files.createDirectories(outputDir);
            Path out = Files.createTempFile(outputDir, "stdout-", ".txt");
            Path err = Files.createTempFile(outputDir, "stderr-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    // Nothing here reads a terminal: an empty stdin unless the caller feeds a file.
                    .redirectInput(input == null
                            ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                            : ProcessBuilder.Redirect.from(input.toFile()));
            return new ExternalProcess(command, builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
    }

    /** Runs {@code command} to completion, killing it if it outlives {@code timeout}. */
    static Finished run(List<String> command, Path outputDir, Path input, Duration timeout) {
        try (ExternalProcess running = start(command, outputDir, input)) {
            return running.awaitExit(timeout);
        }
    }

    Finished awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError("Timed out after " + timeout + ": " + command + describeOutput());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new AssertionError("Interrupted while waiting for " + command, e);
        }
        return new Finished(process.exitValue(), read(stdout), read(stderr), command);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of both streams, for failure messages. */
    String describeOutput() {
        return "\n--- stdout (tail) ---\n" + tail(read(stdout)) + "\n--- stderr (tail) ---\n" + tail(read(stderr));
    }

    /** Asks politely (SIGTERM), then forcibly, the process and all its descendants. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The first executable among {@code candidates} and the directories on PATH. */
    static Optional<Path> findExecutable(String name, Path... candidates) {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name));
        return Stream.concat(Stream.of(candidates), onPath).filter(Files::isExecutable).findFirst();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "<unreadable: " + e.getMessage() + ">";
        }
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    record Finished(int exitCode, String stdout, String stderr, List<String> command) {

        String describe() {
            return command + " exited with " + exitCode + "\n--- stdout ---\n" + tail(stdout)
                    + "\n--- stderr ---\n" + tail(stderr);
        }
    }
}
