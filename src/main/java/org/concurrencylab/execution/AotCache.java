package org.concurrencylab.execution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.workload.Workloads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK AOT cache workers start from ({@link AotSupport}). Built once per worker jar, JDK and
 * worker flags, on a background thread ({@code lab-worker-aot}) so the server never waits for it:
 * workers started before it is ready simply run without it.
 *
 * <p>The cache is trained the way it will be used: a worker JVM with the same flags is driven
 * through a short scripted {@link WorkerSession} (READY, then CONFIGURE, CONFIGURED, a chunk of
 * TASKS (for ipc.pipe a PING) and OBSERVE for every workload kind a worker runs but io.http (see
 * {@link #train}), at its smallest params), then its stdin is closed; the JDK writes the cache
 * as that JVM exits. The file is written in a private folder and moved into place atomically, and
 * its name holds the jar's hash, {@code java.version}, {@code java.vm.vendor} and the flags, so a
 * different JDK or setting never picks up a cache that is not its own. A build that fails is
 * logged once and the workers run without a cache.
 */
final class AotCache {

    private static final Logger LOG = LoggerFactory.getLogger(AotCache.class);
    // A training run takes about 2 s here; this only bounds a JVM that hangs.
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(2);
    private static final int TRAINING_TASKS = 3;
    // Bumped whenever train() changes what it drives the worker through: part of the cache's name.
    // 2: io.http left out.
    private static final int TRAINING = 2;

    private final AotSupport support;
    private final WorkerCommand command;
    private final Path target;
    private volatile Path ready;
    private volatile String failure;
    private Thread builder;
    // The training (or create) JVM running now, so stop() can kill it; guarded by this.
    private Process child;
    private boolean stopped;

    AotCache(AotSupport support, WorkerCommand command) {
        this.support = support;
        this.command = command;
        this.target = command.workerDir().resolve(fileName(command));
    }

    /**
     * The cache's file name: worker jar hash, JDK version and vendor, and a hash of the flags and
     * of {@link #TRAINING}, so a server whose training changed never reuses an older cache.
     */
    static String fileName(WorkerCommand command) {
        String jar = command.jar().getFileName().toString().replaceFirst("\\.jar$", "");
        String flags = String.join(" ", command.cacheKeyFlags()) + " training " + TRAINING;
        return jar + "-" + safe(System.getProperty("java.version")) + "-" + safe(System.getProperty("java.vm.vendor"))
                + "-" + SharedFiles.sha256Hex(flags.getBytes(StandardCharsets.UTF_8)).substring(0, 8) + ".aot";
    }

    Path target() {
        return target;
    }

    /**
     * Uses a cache of the right name already on disk, or starts building it in the background.
     * Does nothing on a JDK without AOT caches.
     */
    synchronized void start() {
        if (support == AotSupport.NONE || stopped || builder != null) {
            return;
        }
        if (Files.isRegularFile(target)) {
            ready = target;
            LOG.debug("worker AOT cache {}", target);
            return;
        }
        builder = Thread.ofPlatform().name("lab-worker-aot").daemon().start(this::build);
    }

    /** The flags of a worker started now: the cache once it is built, else none. */
    List<String> workerFlags() {
        Path cache = ready;
        return cache == null ? List.of() : support.workerFlags(cache);
    }

    /** Whether a build is under way right now. */
    synchronized boolean building() {
        return builder != null && builder.isAlive();
    }

    Optional<Path> ready() {
        return Optional.ofNullable(ready);
    }

    /** Where the cache stands, in words a user can act on: ready, building, failed, or not on this JDK. */
    String status() {
        if (ready != null) {
            return "ready";
        }
        if (support == AotSupport.NONE) {
            return "unavailable: JDK " + Runtime.version().feature() + " has no AOT cache (JDK 24 or newer has)";
        }
        if (failure != null) {
            return "failed: " + failure + "; workers start without it";
        }
        return building() ? "building: workers start without it until it is ready" : "not started";
    }

    /** Ends a build in progress and kills its JVMs; waits a bounded time for the builder thread. */
    void stop() {
        Thread running;
        synchronized (this) {
            stopped = true;
            running = builder;
            kill(child);
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void build() {
        long started = System.nanoTime();
        Path temp = null;
        try {
            Files.createDirectories(command.workerDir());
            temp = Files.createTempDirectory(command.workerDir(), "aot-build-");
            Path cache = temp.resolve("worker.aot");
            Path configuration = temp.resolve("worker.aotconf");
            train(command.worker(support.trainingFlags(cache, configuration)));
            if (support == AotSupport.TWO_STEP) {
                runToEnd(command.aotCreate(configuration, cache));
            }
            if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
                throw new IOException("the JVM exited 0 but wrote no cache");
            }
            SharedFiles.publish(cache, target);
            ready = target;
            LOG.info("built the worker AOT cache {} in {} ms", target, (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            // stop(): the node is shutting down.
        } catch (IOException | ExecutionFailedException | RuntimeException e) {
            if (!isStopped()) {
                failure = e.getMessage();
                LOG.warn("cannot build the worker AOT cache for {}; workers start without it: {}", target, e.getMessage());
            }
        } finally {
            synchronized (this) {
                kill(child);
                child = null;
            }
            deleteQuietly(temp);
        }
    }

    /**
     * The training run: one worker JVM driven through every workload kind a worker can run, then
     * told to exit. Shared-state labs are left out: they never run in a worker, and their workers
     * wait for each other, which on a worker's single task thread would never end.
     *
     * <p>A workload whose definition says so ({@code notInWorkerCache}) is left out too: every class
     * trained in is loaded by every worker at start-up, used or not.
     */
    private void train(List<String> trainingCommand)
            throws IOException, InterruptedException, ExecutionFailedException {
        WorkerProcess worker = new WorkerProcess(spawn(trainingCommand), System.nanoTime(), BUILD_TIMEOUT, false, spawned -> {});
        WorkerSession session = new WorkerSession(worker);
        String step = "before it was ready";
        try {
            session.awaitReady();
            for (WorkloadDefinition kind : Workloads.ALL) {
                if (!kind.fits(ExecutionModel.PROCESSES) || !kind.inWorkerCache()) {
                    continue;
                }
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
            if (isStopped()) {
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
            if (stopped) {
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

    private synchronized boolean isStopped() {
        return stopped;
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

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", dir, e.toString());
        }
    }

    private static String safe(String text) {
        return text == null ? "unknown" : text.replaceAll("[^A-Za-z0-9._]+", "_");
    }
}
