package org.concurrencylab.execution;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Starts, tracks and stops worker JVMs. Every worker is started from the server's own
 * {@code java} with a command line built by the server alone ({@link WorkerCommand}, never from
 * user input), runs from the worker jar written once at start-up ({@link WorkerJar}), starts from
 * the JDK's AOT cache of that jar once it is built ({@link AotCache}), and is killed with its
 * whole process tree when its run or session ends or this node shuts down.
 */
@Component
public class WorkerLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerLauncher.class);
    // SIGKILL cannot be refused; this only bounds the wait for the OS to reap the process.
    private static final Duration REAP_WAIT = Duration.ofSeconds(5);

    private final Duration killGrace;
    private final ApplicationEventPublisher events;
    private final Path workerJar;
    private final WorkerLimits limits;
    private final WorkerCommand command;
    private final OsLimits osLimits;
    private final AotCache aot;
    private final Set<WorkerProcess> live = ConcurrentHashMap.newKeySet();
    private volatile boolean shutDown;

    public WorkerLauncher(ExecutionProperties properties, WorkerLimits limits, ApplicationEventPublisher events) {
        this.killGrace = properties.workerKillGrace();
        this.events = events;
        this.limits = limits;
        Path workerDir = properties.workerDir() != null
                ? properties.workerDir()
                : Path.of(System.getProperty("java.io.tmpdir"), "concurrency-lab-workers-" + System.getProperty("user.name"));
        // Written at start-up, so a first PROCESSES run measures JVM start-up only, and an unwritable
        // folder stops the node at once with a message rather than failing experiments later.
        try {
            this.workerJar = WorkerJar.writeTo(workerDir);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the worker jar to " + workerDir + " (set lab.execution.worker-dir to a writable folder)",
                    e);
        }
        LOG.debug("worker jar {}", workerJar);
        this.command = WorkerCommand.forRunningJdk(workerDir, workerJar, limits);
        this.osLimits = OsLimits.ofThisMachine();
        if (!osLimits.available()) {
            LOG.warn("prlimit not found: worker JVMs run without OS limits (CPU time, open files, processes, file size, "
                    + "core dumps); their heap and metaspace are still bounded");
        }
        this.aot = new AotCache(limits.aotCache() ? AotSupport.ofRunningJdk() : AotSupport.NONE, command);
        // In the background: until the cache is there, workers start without it.
        aot.start();
    }

    /** This node's background work competing with experiments right now: the AOT cache build uses a core. */
    List<InterferenceWarning> interferingNow() {
        return aot.building() ? List.of(InterferenceWarning.aotCacheBuilding()) : List.of();
    }

    /**
     * Whether workers start from the JDK AOT cache: {@code ready}, {@code building},
     * {@code failed: ...}, {@code disabled} ({@code lab.limits.workers.aot-cache=false}) or
     * {@code unavailable} on a JDK before 24.
     */
    public String aotCacheStatus() {
        return limits.aotCache() ? aot.status() : "disabled (lab.limits.workers.aot-cache=false)";
    }

    /** Worker JVMs alive right now. */
    public int liveWorkers() {
        return live.size();
    }

    Path workerJar() {
        return workerJar;
    }

    Duration killGrace() {
        return killGrace;
    }

    WorkerLimits limits() {
        return limits;
    }

    /** The AOT cache workers start from once it is built. */
    AotCache aotCache() {
        return aot;
    }

    /** The command of a worker started now: server-chosen flags, the AOT cache if built, the jar, the main class. */
    List<String> command() {
        return command.worker(aot.workerFlags());
    }

    /** What a worker is started with: the OS limits (prlimit, where there is one) before the JVM's command. */
    List<String> spawnCommand(List<String> aotFlags, int cpuSeconds) {
        List<String> spawn = new ArrayList<>(osLimits.prefix(limits, cpuSeconds));
        spawn.addAll(command.worker(aotFlags));
        return spawn;
    }

    /**
     * Starts a worker JVM and tracks it. It is not ready yet: its pipe thread waits for READY with
     * {@link WorkerProcess#awaitReady()}, which publishes {@link WorkerSpawned}.
     */
    WorkerProcess start() throws IOException {
        return start(true);
    }

    /** As {@link #start()}; {@code useAotCache} false starts the worker without the AOT cache even if one is built. */
    WorkerProcess start(boolean useAotCache) throws IOException {
        return start(useAotCache, 0);
    }

    /**
     * As {@link #start(boolean)}, for an experiment with a time limit of {@code timeLimitSeconds}
     * (0: none known), which bounds the worker's CPU time.
     */
    WorkerProcess start(boolean useAotCache, int timeLimitSeconds) throws IOException {
        if (shutDown) {
            throw new IOException("the node is shutting down: no new worker JVMs");
        }
        List<String> aotFlags = useAotCache ? aot.workerFlags() : List.of();
        int cpuSeconds = limits.cpuSecondsFor(timeLimitSeconds);
        ProcessBuilder builder = new ProcessBuilder(spawnCommand(aotFlags, cpuSeconds));
        long startedAt = System.nanoTime();
        Process process = builder.start();
        WorkerProcess worker = new WorkerProcess(process, startedAt, killGrace, !aotFlags.isEmpty(), events::publishEvent,
                new LimitBreach(limits, cpuSeconds), (long) limits.stderrKb() << 10);
        live.add(worker);
        // Also forgets workers that die on their own, so the gauge never counts the dead.
        process.onExit().thenRun(() -> live.remove(worker));
        if (shutDown) {
            // shutdown() ran between the check above and live.add: it did not see this worker.
            stop(List.of(worker));
            throw new IOException("the node is shutting down: no new worker JVMs");
        }
        return worker;
    }

    /**
     * Stops workers and everything they started: close stdin (a worker halts on EOF), SIGTERM the
     * process trees, wait {@code workerKillGrace}, then SIGKILL what is left. Waits for the
     * processes to be gone and their stderr drained. An interrupt while waiting cuts the grace short
     * (straight to SIGKILL) and is kept on the thread, never swallowed.
     */
    void stop(Collection<WorkerProcess> workers) {
        if (workers.isEmpty()) {
            return;
        }
        boolean interrupted = false;
        // Descendants are listed before anything dies: once a parent is gone its children are re-parented.
        List<ProcessHandle> trees = new ArrayList<>();
        for (WorkerProcess worker : workers) {
            worker.closeInput();
            worker.process().descendants().forEach(trees::add);
            trees.add(worker.process().toHandle());
        }
        trees.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + killGrace.toNanos();
        for (ProcessHandle handle : trees) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!interrupted && handle.isAlive()) {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (TimeoutException | ExecutionException e) {
                // Still alive at the deadline: SIGKILL below.
            }
        }
        for (ProcessHandle handle : trees) {
            if (handle.isAlive()) {
                LOG.warn("worker process {} outlived SIGTERM by {} ms; killing it", handle.pid(), killGrace.toMillis());
                handle.destroyForcibly();
            }
        }
        for (WorkerProcess worker : workers) {
            try {
                if (!worker.process().waitFor(REAP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("worker process {} still alive after SIGKILL", worker.pid());
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (!worker.process().isAlive()) {
                live.remove(worker);
            }
            worker.stderr().join(Duration.ofSeconds(1));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills every worker still alive when the node shuts down, so none outlives the server. */
    @PreDestroy
    public void shutdown() {
        shutDown = true;
        aot.stop();
        // Warm pools' workers are in live too: a session left open dies with the node.
        stop(List.copyOf(live));
    }
}
