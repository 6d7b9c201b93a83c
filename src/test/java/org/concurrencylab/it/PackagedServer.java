package org.concurrencylab.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.concurrencylab.support.LabApi;

/**
 * The packaged jar started as a user starts it: {@code java -jar target/concurrency-lab.jar} in a
 * process of its own, on a free port, with its database and worker folder in a test folder. Its
 * stdout and stderr go to a log file under {@code target/} so a failure can show the tail.
 */
final class PackagedServer {

    static final Path JAR = Path.of("target", "concurrency-lab.jar");
    static final String WORKER_MAIN = "org.concurrencylab.worker.WorkerMain";
    /** The mark of a JVM that builds or checks a worker cache (execution.WorkerCommand.CACHE_JVM). */
    static final String CACHE_JVM = "-Dlab.worker.purpose=aot-cache";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path log;
    private final int port;
    private final LabApi api;

    private PackagedServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.api = new LabApi(port);
    }

    /** Starts the jar and waits until {@code /actuator/health} says UP. */
    static PackagedServer start(Path database, Path workerDir, Path log) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run `mvn package` (failsafe runs after it)");
        }
        return start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()),
                Map.of(), database, workerDir, log);
    }

    /**
     * Starts the lab with {@code launcher} (a java -jar command line, or the dist's launcher), in
     * {@code environment} on top of this JVM's, with the test's port, database and worker folder as
     * arguments after it; waits until {@code /actuator/health} says UP.
     */
    static PackagedServer start(List<String> launcher, Map<String, String> environment, Path database, Path workerDir,
            Path log) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--spring.datasource.url=jdbc:h2:file:" + database.toAbsolutePath(),
                "--lab.execution.worker-dir=" + workerDir.toAbsolutePath(),
                "--" + LabApi.BOOTSTRAP_PROPERTY));
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        Process process = builder.start();
        PackagedServer server = new PackagedServer(process, log, port);
        try {
            await("the packaged server on port " + port + " to report UP")
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                    .failFast("the server process exited", () -> !process.isAlive())
                    .until(() -> {
                        LabApi.Response health = server.api.get("/actuator/health");
                        return health.status() == 200 && "UP".equals(health.json().get("status").asString());
                    });
        } catch (Throwable e) {
            server.kill();
            e.addSuppressed(new AssertionError("server log tail:\n" + server.logTail(60)));
            throw e;
        }
        return server;
    }

    LabApi api() {
        return api;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    Path log() {
        return log;
    }

    /**
     * PIDs of the server's worker JVMs still alive: the processes under it that run the worker's main
     * class, except the JVMs that build or check a worker cache, which the server starts on its own in
     * the background (marked with {@link #CACHE_JVM}, and the JDK's helper that assembles a cache).
     */
    Set<Long> descendantPids() {
        return process.descendants().filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().commandLine()
                        .map(line -> line.contains(WORKER_MAIN) && !line.contains(CACHE_JVM)).orElse(false))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /**
     * Waits until the server has no child process at all: after start-up it makes the worker caches
     * in JVMs of its own for a few seconds.
     */
    void awaitIdle() {
        await("the worker cache builds to finish").atMost(Duration.ofMinutes(2))
                .until(() -> process.descendants().noneMatch(ProcessHandle::isAlive));
    }

    /** SIGKILL (on Linux) to the server, then its descendants; waits until all are gone. */
    void kill() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive() && tree.stream().noneMatch(ProcessHandle::isAlive));
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** True when no live process has this PID, or it is no longer one of our worker JVMs. */
    static boolean workerGone(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(PackagedServer::isWorker).isEmpty();
    }

    /** Kills a worker JVM left behind (a failed test's cleanup), checking it really is one of ours. */
    static void killStrayWorker(long pid) {
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().commandLine().map(line -> line.contains(WORKER_MAIN)).orElse(false))
                .ifPresent(ProcessHandle::destroyForcibly);
    }

    private static boolean isWorker(ProcessHandle handle) {
        // A PID reused by an unrelated process must not count as our worker; unknown counts as ours.
        return handle.info().commandLine().map(line -> line.contains(WORKER_MAIN)).orElse(true);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
