package org.concurrencylab.execution;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.concurrencylab.core.WorkloadDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts, tracks and stops worker JVMs. Every worker is started from the server's own
 * {@code java} with a command line built by the server alone ({@link WorkerCommand}, never from
 * user input), runs from the worker jar written once after start-up ({@link WorkerJar}), starts from
 * the JDK's caches of that jar once they are made ({@link WorkerCaches}), and is killed with its
 * whole process tree when its run or session ends or this node shuts down.
 */
@Component
public class WorkerLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerLauncher.class);
    // SIGKILL cannot be refused; this only bounds the wait for the OS to reap the process.
    private static final String BUILDING = "building: workers start without it until it is ready";

    private final Duration killGrace;
    private final ApplicationEventPublisher events;
    private final Path workerDir;
    private final WorkerLimits limits;
    private final Set<WorkerProcess> live = ConcurrentHashMap.newKeySet();
    private volatile boolean shutDown;
    private final OsLimits osLimits;
    // Made by prepare(): after start-up, or by the first worker wanted before then; guarded by this.
    private Path workerJar;
    private WorkerCommand command;
    private volatile WorkerCaches caches;
    // Set once the server is up and the jar and caches are being made.
    private volatile boolean preparing;

    public WorkerLauncher(ExecutionProperties properties, WorkerLimits limits, ApplicationEventPublisher events) {
        this.killGrace = properties.workerKillGrace();
        this.events = events;
        this.limits = limits;
        this.workerDir = properties.workerDir() != null
                ? properties.workerDir()
                : Path.of(System.getProperty("java.io.tmpdir"), "concurrency-lab-workers-" + System.getProperty("user.name"));
        // An unwritable folder stops the node at once with a message rather than failing experiments
        // later; the jar itself is written after start-up (prepare()).
        try {
            Files.createDirectories(workerDir);
            if (!Files.isWritable(workerDir)) {
                throw new IOException("not writable");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(unwritable(e), e);
        }
        this.osLimits = OsLimits.ofThisMachine();
        if (!osLimits.available()) {
            LOG.warn("prlimit not found: worker JVMs run without OS limits (CPU time, open files, processes, file size, "
                    + "core dumps); their heap and metaspace are still bounded");
        }
    }

    /**
     * Once the server is up, on a thread of its own: writes the worker jar and starts the caches. Not
     * during start-up, which it would lengthen (the jar is read class by class from the server's
     * classpath and hashed, and a cache build takes a core for a second or more).
     */
    @EventListener(ApplicationReadyEvent.class)
    void prepareInBackground() {
        preparing = true;
        Thread.ofPlatform().name("lab-worker-prep").daemon().start(() -> {
            try {
                prepare();
            } catch (UncheckedIOException e) {
                LOG.error("{}", e.getMessage());
            }
        });
    }

    /**
     * Writes the worker jar (unless an identical one is there) and starts making the caches; does
     * nothing the second time. Before the first worker, whichever comes first of start-up's end and
     * a worker wanted.
     */
    synchronized void prepare() {
        if (command != null) {
            return;
        }
        try {
            workerJar = WorkerJar.writeTo(workerDir);
        } catch (IOException e) {
            throw new UncheckedIOException(unwritable(e), e);
        }
        LOG.debug("worker jar {}", workerJar);
        command = WorkerCommand.forRunningJdk(workerDir, workerJar, limits);
        caches = new WorkerCaches(limits.aotCache() ? AotSupport.ofRunningJdk() : AotSupport.NONE, command);
        if (!shutDown) {
            caches.start();
        }
    }

    private String unwritable(IOException e) {
        return "cannot write the worker jar to " + workerDir + " (set lab.execution.worker-dir to a writable folder): "
                + e.getMessage();
    }

    /** This node's background work competing with experiments right now: a cache build uses a core. */
    List<InterferenceWarning> interferingNow() {
        WorkerCaches made = caches;
        return made != null && made.building() ? List.of(InterferenceWarning.aotCacheBuilding()) : List.of();
    }

    /**
     * Whether workers start from the JDK's caches: {@code ready} (and the kinds with a cache of
     * their own), {@code building}, {@code failed: ...}, {@code disabled}
     * ({@code lab.limits.workers.aot-cache=false}) or {@code unavailable} on a JDK before 21.
     */
    public String aotCacheStatus() {
        if (!limits.aotCache()) {
            return "disabled (lab.limits.workers.aot-cache=false)";
        }
        if (AotSupport.ofRunningJdk() == AotSupport.NONE) {
            return "unavailable: JDK " + Runtime.version().feature() + " has no AOT cache (JDK 21 or newer has)";
        }
        WorkerCaches made = caches;
        if (made == null) {
            return preparing ? BUILDING : "not started: it is made once the server is up";
        }
        AotCache base = made.base();
        if (base.ready().isPresent()) {
            List<String> kinds = made.readyKinds();
            return kinds.isEmpty() ? "ready" : "ready, and of their own for " + String.join(", ", kinds);
        }
        if (base.failure() != null) {
            return "failed: " + base.failure() + "; workers start without it";
        }
        return made.building() ? BUILDING : "not started";
    }

    /** Worker JVMs alive right now. */
    public int liveWorkers() {
        return live.size();
    }

    synchronized Path workerJar() {
        prepare();
        return workerJar;
    }

    Duration killGrace() {
        return killGrace;
    }

    WorkerLimits limits() {
        return limits;
    }

    /** The caches workers start from. */
    WorkerCaches caches() {
        prepare();
        return caches;
    }

    /** The command of a worker of no particular kind started now: server-chosen flags, the base cache if made, the jar. */
    List<String> command() {
        return command(null);
    }

    /** The command of a worker of {@code kind} started now, with the cache {@link #start} would give it. */
    List<String> command(WorkloadDefinition kind) {
        return command(kind, true);
    }

    /** As {@link #command(WorkloadDefinition)}; {@code useAotCache} false: without any cache. */
    synchronized List<String> command(WorkloadDefinition kind, boolean useAotCache) {
        return command.worker(aotFlags(kind, useAotCache));
    }

    private synchronized List<String> aotFlags(WorkloadDefinition kind, boolean useAotCache) {
        prepare();
        return useAotCache ? caches.flagsFor(kind) : List.of();
    }

    /** What a worker is started with (its OS limits are set beside it, see {@link OsLimits}); a seam for tests. */
    synchronized List<String> spawnCommand(List<String> aotFlags) {
        prepare();
        return command.worker(aotFlags);
    }

    /**
     * Starts a worker JVM of no particular kind and tracks it. It is not ready yet: its pipe thread
     * waits for READY with {@link WorkerProcess#awaitReady()}, which publishes {@link WorkerSpawned}.
     */
    WorkerProcess start() throws IOException {
        return start(null, true);
    }

    /**
     * Starts a worker for {@code kind} (null: none in particular), from that kind's cache once it is
     * made, else the base cache; {@code useAotCache} false starts it without any cache.
     */
    WorkerProcess start(WorkloadDefinition kind, boolean useAotCache) throws IOException {
        return start(kind, useAotCache, 0);
    }

    /** A worker of no particular kind for an experiment with a time limit of {@code timeLimitSeconds}. */
    WorkerProcess start(boolean useAotCache, int timeLimitSeconds) throws IOException {
        return start(null, useAotCache, timeLimitSeconds);
    }

    /**
     * As {@link #start(WorkloadDefinition, boolean)}, for an experiment with a time limit of
     * {@code timeLimitSeconds} (0: none known), which bounds the worker's CPU time.
     */
    WorkerProcess start(WorkloadDefinition kind, boolean useAotCache, int timeLimitSeconds) throws IOException {
        if (shutDown) {
            throw new IOException("the node is shutting down: no new worker JVMs");
        }
        List<String> aotFlags = aotFlags(kind, useAotCache);
        boolean fromCache = aotFlags.stream().anyMatch(flag -> flag.startsWith("-XX:AOTCache=")
                || flag.startsWith("-XX:SharedArchiveFile="));
        int cpuSeconds = limits.cpuSecondsFor(timeLimitSeconds);
        ProcessBuilder builder = new ProcessBuilder(spawnCommand(aotFlags));
        long startedAt = System.nanoTime();
        Process process = builder.start();
        WorkerProcess started = new WorkerProcess(process, startedAt, killGrace, fromCache, events::publishEvent,
                new LimitBreach(limits, cpuSeconds), (long) limits.stderrKb() << 10);
        live.add(started);
        List<String> setLimits = osLimits.command(process.pid(), limits, cpuSeconds);
        if (!setLimits.isEmpty()) {
            started.settingLimits(new ProcessBuilder(setLimits).redirectErrorStream(true).start());
        }
        // Also forgets workers that die on their own, so the gauge never counts the dead.
        process.onExit().thenRun(() -> live.remove(started));
        if (shutDown) {
            // shutdown() ran between the check above and live.add: it did not see this worker.
            stop(List.of(started));
            throw new IOException("the node is shutting down: no new worker JVMs");
        }
        return started;
    }

    /** Stops workers and their process trees (see {@link WorkerStop}), then no longer counts them live. */
    void stop(Collection<WorkerProcess> workers) {
        WorkerStop.stop(workers, killGrace, live::remove);
    }

    /** Kills every worker still alive when the node shuts down, so none outlives the server. */
    @PreDestroy
    public void shutdown() {
        shutDown = true;
        WorkerCaches made = caches;
        if (made != null) {
            made.stop();
        }
        // Warm pools' workers are in live too: a session left open dies with the node.
        stop(List.copyOf(live));
    }
}
