package org.concurrencylab.execution;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real {@link WorkerLauncher} for tests, recording the {@link WorkerSpawned} events it publishes. */
final class TestWorkers {

    /** Default limits but no AOT cache: building one costs seconds of CPU that most tests do not need. */
    static final WorkerLimits NO_AOT_CACHE = new WorkerLimits(256, false, true);

    final List<WorkerSpawned> spawned = new CopyOnWriteArrayList<>();
    final WorkerLauncher launcher;

    TestWorkers(Path workerDir) {
        this(workerDir, NO_AOT_CACHE);
    }

    TestWorkers(Path workerDir, WorkerLimits limits) {
        ExecutionProperties properties = new ExecutionProperties(
                1, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30), null, Duration.ofSeconds(2),
                workerDir);
        this.launcher = new WorkerLauncher(properties, limits, event -> {
            if (event instanceof WorkerSpawned worker) {
                spawned.add(worker);
            }
        });
        // What a server does once it is up: the jar, and the caches' build in the background.
        launcher.prepare();
    }

    List<Long> spawnedPids() {
        return spawned.stream().map(WorkerSpawned::pid).toList();
    }
}
