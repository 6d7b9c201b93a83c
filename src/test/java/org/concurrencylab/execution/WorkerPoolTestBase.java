package org.concurrencylab.execution;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Real worker JVMs for each test, from a worker jar in a folder of its own, all gone after it. */
abstract class WorkerPoolTestBase {

    @TempDir
    Path dir;

    TestWorkers workers;
    ProcessPoolRunner runner;

    @BeforeEach
    void runner() {
        workers = new TestWorkers(dir);
        runner = new ProcessPoolRunner(workers.launcher);
    }

    @AfterEach
    void noWorkerOutlivesATest() {
        workers.launcher.shutdown();
    }

    /** Runs the plan on a thread of its own, as an experiment's thread would; {@code outcome} is how it ended. */
    BackgroundRun startInBackground(RunPlan plan) {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("test-experiment").start(() -> {
            try {
                runner.run(plan);
                outcome.set(new AssertionError("the run finished"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        return new BackgroundRun(thread, outcome);
    }

    record BackgroundRun(Thread thread, AtomicReference<Throwable> outcome) {}
}
