package org.concurrencylab.execution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.WorkloadDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JDK cache workers start from ({@link AotSupport}): the base one, trained on a worker's
 * start-up alone, or one per workload kind, trained on the start-up and one run of that kind. A
 * JVM started from a cache loads every class in it up front, used or not, so a worker of one kind
 * starts fastest from a cache holding that kind and nothing else ({@link WorkerCaches} picks).
 *
 * <p>The training run is a worker JVM with the workers' own flags driven through a scripted
 * {@link WorkerSession} (READY; for a kind CONFIGURE at its smallest params, a chunk of TASKS or,
 * for ipc.pipe, a PING, and OBSERVE), then its stdin is closed and the JDK writes the cache as it
 * exits. The file is written in a private folder and moved into place atomically; its name holds
 * the jar's hash, {@code java.version}, {@code java.vm.vendor}, the flags and the kind. Before any
 * worker uses it, a cache (built here or found on disk) is checked by starting a worker with
 * {@link AotSupport#strictFlag()}, which fails at once if the JVM cannot use it: a cache made under
 * another GC, heap or jar would otherwise be skipped without a word, and workers only be slower.
 */
final class AotCache {

    private static final Logger LOG = LoggerFactory.getLogger(AotCache.class);
    // A training run takes about 2 s here; this only bounds a JVM that hangs.
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(2);
    private static final int TRAINING_TASKS = 3;
    // Bumped whenever training changes what it drives the worker through: part of the cache's name.
    // 2: io.http left out. 3: a cache per kind, READY before the warm-up.
    private static final int TRAINING = 3;
    /** The scope of the base cache in its file name: a worker's start-up, no workload. */
    static final String BASE = "ready";

    private final AotSupport support;
    private final WorkerCommand command;
    private final WorkloadDefinition kind;
    private final Path target;
    private volatile Path ready;
    private volatile String failure;
    // The training, create or check JVM running now, so kill() can end it; guarded by this.
    private Process child;
    private boolean killed;

    /** @param kind the workload kind trained into it; null for the base cache */
    AotCache(AotSupport support, WorkerCommand command, WorkloadDefinition kind) {
        this.support = support;
        this.command = command;
        this.kind = kind;
        this.target = command.workerDir().resolve(fileName(command, support, kind == null ? BASE : kind.id()));
    }

    /**
     * The cache's file name: worker jar hash, JDK version and vendor, a hash of the flags and of
     * {@link #TRAINING}, and the scope (a kind's id, or {@link #BASE}).
     */
    static String fileName(WorkerCommand command, AotSupport support, String scope) {
        String jar = command.jar().getFileName().toString().replaceFirst("\\.jar$", "");
        String flags = String.join(" ", command.cacheKeyFlags()) + " training " + TRAINING;
        return jar + "-" + safe(System.getProperty("java.version")) + "-" + safe(System.getProperty("java.vm.vendor"))
                + "-" + SharedFiles.sha256Hex(flags.getBytes(StandardCharsets.UTF_8)).substring(0, 8) + "-"
                + safe(scope) + support.suffix();
    }

    Path target() {
        return target;
    }

    /** The kind it holds; null for the base cache. */
    WorkloadDefinition kind() {
        return kind;
    }

    Optional<Path> ready() {
        return Optional.ofNullable(ready);
    }

    /** Why the last build or check failed; null if none did. */
    String failure() {
        return failure;
    }

    /** The flags of a worker started from it; none until it is checked and ready. */
    List<String> workerFlags() {
        Path cache = ready;
        return cache == null ? List.of() : support.workerFlags(cache);
    }

    /**
     * Makes the cache ready: a file of its name already on disk if a worker can start from it, else
     * a new one, trained, checked and moved into place. Logs a failure and leaves it not ready.
     */
    void prepare() throws InterruptedException {
        long started = System.nanoTime();
        if (Files.isRegularFile(target)) {
            try {
                check(target);
                ready = target;
                LOG.debug("worker AOT cache {}", target);
                return;
            } catch (IOException | ExecutionFailedException e) {
                LOG.warn("the worker AOT cache {} does not fit this JVM; building it again: {}", target, e.getMessage());
                deleteQuietly(target);
            }
        }
        Path temp = null;
        try {
            temp = Files.createTempDirectory(command.workerDir(), "aot-build-");
            Path cache = temp.resolve("worker" + support.suffix());
            Path configuration = temp.resolve("worker.aotconf");
            train(command.training(support.trainingFlags(cache, configuration)));
            if (support == AotSupport.TWO_STEP) {
                runToEnd(command.aotCreate(configuration, cache));
            }
            if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
                throw new IOException("the JVM exited 0 but wrote no cache");
            }
            check(cache);
            SharedFiles.publish(cache, target);
            ready = target;
            failure = null;
            LOG.info("built the worker AOT cache {} in {} ms", target, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | ExecutionFailedException | RuntimeException e) {
            if (isKilled()) {
                throw new InterruptedException("stopped");
            }
            failure = e.getMessage();
            LOG.warn("cannot build the worker AOT cache {}; workers start without it: {}", target, e.getMessage());
        } finally {
            synchronized (this) {
                kill(child);
                child = null;
            }
            deleteQuietly(temp);
        }
    }

    /** Ends the JVM this cache is training or checking, and any later one. */
    synchronized void kill() {
        killed = true;
        kill(child);
    }

    /**
     * A worker from {@code cache} with the strict flag: READY and a clean exit on end of input, or
     * the JVM's own words on why it cannot use the cache.
     */
    private void check(Path cache) throws IOException, InterruptedException, ExecutionFailedException {
        List<String> flags = new ArrayList<>(List.of(WorkerCommand.CACHE_JVM));
        flags.addAll(support.workerFlags(cache));
        flags.add(support.strictFlag());
        WorkerProcess worker = new WorkerProcess(spawn(command.background(command.worker(flags))), System.nanoTime(), BUILD_TIMEOUT, true,
                spawned -> {});
        try {
            worker.awaitReady();
        } catch (IOException e) {
            throw worker.failure("cannot start from the cache " + cache.getFileName(), e);
        }
        worker.closeInput();
        drain(worker.process().getInputStream());
        worker.awaitCleanExit();
    }

    /**
     * The training run: one worker JVM started, for a kind driven through one run of it, then told
     * to exit. Every class it uses goes into the cache.
     */
    private void train(List<String> trainingCommand) throws IOException, InterruptedException, ExecutionFailedException {
        WorkerProcess worker = new WorkerProcess(spawn(trainingCommand), System.nanoTime(), BUILD_TIMEOUT, false, spawned -> {});
        WorkerSession session = new WorkerSession(worker);
        String step = "before it was ready";
        try {
            session.awaitReady();
            if (kind != null) {
                step = "in " + kind.id();
                session.configure(kind.id(), smallestParams(kind));
                // ipc.pipe has no tasks in a worker (the pool streams PINGs to it and it echoes them),
                // so its training is a PING; TASKS would only answer FAILED.
                if (!kind.runsInWorker()) {
                    session.ping(new byte[64]);
                } else {
                    session.runChunk(0, TRAINING_TASKS);
                }
                session.observe();
            }
        } catch (IOException e) {
            if (isKilled()) {
                throw new InterruptedException("stopped");
            }
            throw worker.failure("failed in its AOT training run " + step, e);
        } catch (ExecutionFailedException e) {
            throw new ExecutionFailedException("the AOT training run failed " + step + ": " + e.getMessage(), e);
        }
        worker.closeInput();
        // The JDK writes the cache as the worker exits; its messages on stdout are drained, not read.
        drain(worker.process().getInputStream());
        worker.awaitCleanExit();
    }

    /** JDK 24's create step. */
    private void runToEnd(List<String> createCommand) throws IOException, InterruptedException, ExecutionFailedException {
        WorkerProcess creator = new WorkerProcess(spawn(createCommand), System.nanoTime(), BUILD_TIMEOUT, false, spawned -> {});
        creator.closeInput();
        drain(creator.process().getInputStream());
        creator.awaitCleanExit();
    }

    private Process spawn(List<String> jvm) throws IOException, InterruptedException {
        synchronized (this) {
            if (killed) {
                throw new InterruptedException("stopped");
            }
            child = new ProcessBuilder(jvm).start();
            Process started = child;
            // A JVM that hangs would keep the builder thread forever: kill it at the bound.
            CompletableFuture.delayedExecutor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> kill(started));
            return started;
        }
    }

    private synchronized boolean isKilled() {
        return killed;
    }

    /** Each declared param at its minimum: loads and links every class a task uses, at no cost. */
    private static Map<String, Long> smallestParams(WorkloadDefinition kind) {
        Map<String, Long> params = new LinkedHashMap<>();
        for (Param param : kind.params()) {
            params.put(param.name(), param.minRaw());
        }
        return params;
    }

    /** The JDK 25 training JVM starts a child JVM to assemble the cache: the whole tree goes. */
    private static void kill(Process process) {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static void drain(InputStream stdout) throws IOException {
        try (stdout) {
            stdout.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", path, e.toString());
        }
    }

    private static String safe(String text) {
        return text == null ? "unknown" : text.replaceAll("[^A-Za-z0-9._]+", "_");
    }
}
