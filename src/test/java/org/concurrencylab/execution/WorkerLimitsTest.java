package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.concurrencylab.core.ModelOptions;
import org.concurrencylab.workload.Kinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Worker JVMs start under OS limits (prlimit) and JVM limits, and a worker that runs into one fails
 * its run with a reason that names the limit and the setting that raises it; nothing of it is left
 * running. The runaways are {@link RunawayWorker}s, started with the launcher's real command.
 */
class WorkerLimitsTest {

    /** Small limits, one per runaway below; everything else at its default. */
    private static final WorkerLimits TIGHT = new WorkerLimits(16, false, true, 8, 2, 64, 64, 1, 16);
    private static final RunPlan ONE_WORKER = new RunPlan(Kinds.CPU_PRIMES, Kinds.CPU_PRIMES.defaults(), 2, 1,
            ModelOptions.DEFAULTS, 30);

    @TempDir
    Path dir;

    @Test
    void aWorkerRunsUnderItsOsAndJvmLimits() throws Exception {
        assumeTrue(OsLimits.ofThisMachine().available(), "no prlimit on this machine: workers start without OS limits");
        WorkerLimits limits = new WorkerLimits(64, false, true, 48, null, 256, 512, 8, 1024);
        TestWorkers workers = new TestWorkers(dir, limits);
        try {
            // An experiment with a 30 s time limit: its workers get 2 x 30 + 10 s of CPU.
            WorkerProcess worker = workers.launcher.start(false, 30);
            worker.awaitReady();

            Map<String, String> os = limitsOf(worker.pid());
            assertThat(os).containsEntry("Max cpu time", "70 75 seconds")
                    .containsEntry("Max open files", "256 256 files")
                    .containsEntry("Max processes", "512 512 processes")
                    .containsEntry("Max file size", (8 << 20) + " " + (8 << 20) + " bytes")
                    .containsEntry("Max core file size", "0 0 bytes");
            assertThat(worker.process().info().arguments()).hasValueSatisfying(args -> assertThat(args)
                    .contains("-Xmx64m", "-XX:MaxMetaspaceSize=48m", "-XX:+ExitOnOutOfMemoryError")
                    .endsWith(WorkerJar.MAIN_CLASS));
        } finally {
            workers.launcher.shutdown();
        }
    }

    static Stream<Arguments> runaways() {
        return Stream.of(
                Arguments.of("heap", "exceeded its heap limit (lab.limits.workers.heap-mb = 16 MiB)"),
                Arguments.of("metaspace", "exceeded its metaspace limit (lab.limits.workers.metaspace-mb = 8 MiB)"),
                Arguments.of("cpu", "exceeded its CPU time limit of 2 s (lab.limits.workers.cpu-seconds"),
                Arguments.of("files", "exceeded its open files limit (lab.limits.workers.open-files = 64)"),
                Arguments.of("fsize", "exceeded its file size limit (lab.limits.workers.file-size-mb = 1 MiB)"),
                Arguments.of("stderr", "exceeded its stderr output limit (lab.limits.workers.stderr-kb = 16 KiB)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runaways")
    void aRunawayWorkerFailsItsRunWithTheLimitNamed(String runaway, String reason) {
        boolean osLimit = List.of("cpu", "files", "fsize").contains(runaway);
        assumeTrue(!osLimit || OsLimits.ofThisMachine().available(), "no prlimit on this machine");

        assertRunFailsNaming(new RunawayLauncher(dir, TIGHT, runaway, List.of()), reason);
    }

    /**
     * Linux counts processes and threads per user and does not limit root's, so the runaway runs as
     * nobody there: its threads are the only ones counted against the limit.
     */
    @Test
    void aWorkerStartingThreadsWithoutEndRunsIntoItsProcessLimit() {
        assumeTrue(OsLimits.ofThisMachine().available(), "no prlimit on this machine");
        boolean root = "root".equals(System.getProperty("user.name"));
        assumeTrue(!root || Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "as root the limit only holds for another user, and there is no setpriv to become one");
        List<String> asNobody = root
                ? List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")
                : List.of();

        assertRunFailsNaming(new RunawayLauncher(dir, TIGHT, "threads", asNobody),
                "exceeded its limit on processes and threads (lab.limits.workers.processes = 64");
    }

    private static void assertRunFailsNaming(RunawayLauncher launcher, String reason) {
        try {
            assertThatThrownBy(() -> new ProcessPoolRunner(launcher).run(ONE_WORKER))
                    .isInstanceOf(ExecutionFailedException.class)
                    .hasMessageContaining(reason)
                    .hasMessageContaining("died before it was ready");
            assertThat(launcher.liveWorkers()).as("no worker left running").isZero();
        } finally {
            launcher.shutdown();
        }
    }

    /** /proc/PID/limits as "name" to "soft hard unit". */
    private static Map<String, String> limitsOf(long pid) throws IOException {
        Map<String, String> limits = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
            String[] columns = line.trim().split("\\s{2,}");
            if (columns.length == 4) {
                limits.put(columns[0], columns[1] + " " + columns[2] + " " + columns[3]);
            }
        }
        return limits;
    }
}
