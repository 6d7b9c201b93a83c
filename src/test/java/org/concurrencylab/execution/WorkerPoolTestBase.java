package org.concurrencylab.execution;

import java.nio.file.Path;
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
}
