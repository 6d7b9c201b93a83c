package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.workload.Kinds;
import org.concurrencylab.core.ParamValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    private static final WorkerLimits WITH_AOT = new WorkerLimits(256, true, true);

    @TempDir
    Path dir;

    @Test
    void theFlagsFollowTheJdkFeatureVersion() {
        Path cache = Path.of("/tmp/w.aot");
        Path configuration = Path.of("/tmp/w.aotconf");

        assertThat(AotSupport.forFeature(17)).isEqualTo(AotSupport.NONE);
        assertThat(AotSupport.forFeature(21)).isEqualTo(AotSupport.CDS);
        assertThat(AotSupport.forFeature(23)).isEqualTo(AotSupport.CDS);
        assertThat(AotSupport.forFeature(24)).isEqualTo(AotSupport.TWO_STEP);
        assertThat(AotSupport.forFeature(25)).isEqualTo(AotSupport.ONE_STEP);
        assertThat(AotSupport.forFeature(26)).isEqualTo(AotSupport.ONE_STEP);

        assertThat(AotSupport.forFeature(17).workerFlags(cache)).isEmpty();
        assertThat(AotSupport.forFeature(21).workerFlags(cache)).containsExactly("-XX:SharedArchiveFile=/tmp/w.aot");
        assertThat(AotSupport.forFeature(21).trainingFlags(cache, configuration))
                .containsExactly("-XX:ArchiveClassesAtExit=/tmp/w.aot");
        assertThat(AotSupport.forFeature(21).strictFlag()).isEqualTo("-Xshare:on");
        assertThat(AotSupport.forFeature(24).workerFlags(cache)).containsExactly("-XX:AOTCache=/tmp/w.aot");
        assertThat(AotSupport.forFeature(25).workerFlags(cache)).containsExactly("-XX:AOTCache=/tmp/w.aot");
        assertThat(AotSupport.forFeature(24).trainingFlags(cache, configuration))
                .containsExactly("-XX:AOTMode=record", "-XX:AOTConfiguration=/tmp/w.aotconf");
        assertThat(AotSupport.forFeature(25).trainingFlags(cache, configuration))
                .containsExactly("-XX:AOTCacheOutput=/tmp/w.aot");
        assertThat(AotSupport.forFeature(25).strictFlag()).isEqualTo("-XX:AOTMode=on");
    }

    @Test
    void aWorkerCommandOnAJdkWithoutCachesHasNoCacheFlag() {
        WorkerCommand command = new WorkerCommand(Path.of("/jdk20/bin/java"), dir, dir.resolve("w.jar"), WITH_AOT);

        List<String> worker = command.worker(AotSupport.forFeature(20).workerFlags(dir.resolve("w.aot")));

        assertThat(worker).noneMatch(flag -> flag.startsWith("-XX:AOT") || flag.startsWith("-Xshare")
                || flag.startsWith("-XX:SharedArchiveFile"));
        assertThat(worker).contains("-Xmx256m");
    }

    @Test
    void eachCacheIsNamedByJarJdkFlagsAndWhatItHolds() {
        WorkerCommand command = new WorkerCommand(Path.of("java"), dir, dir.resolve("worker-0123456789abcdef.jar"), WITH_AOT);
        WorkerCommand otherHeap = new WorkerCommand(
                Path.of("java"), dir, dir.resolve("worker-0123456789abcdef.jar"), new WorkerLimits(512, true, true));

        String base = AotCache.fileName(command, AotSupport.ONE_STEP, AotCache.BASE);
        assertThat(base)
                .startsWith("worker-0123456789abcdef-" + System.getProperty("java.version").replaceAll("[^A-Za-z0-9._]+", "_"))
                .contains(System.getProperty("java.vm.vendor").replaceAll("[^A-Za-z0-9._]+", "_"))
                .endsWith("-ready.aot")
                .isNotEqualTo(AotCache.fileName(otherHeap, AotSupport.ONE_STEP, AotCache.BASE));
        assertThat(AotCache.fileName(command, AotSupport.ONE_STEP, "cpu.primes")).endsWith("-cpu.primes.aot");
        assertThat(AotCache.fileName(command, AotSupport.CDS, AotCache.BASE)).endsWith("-ready.jsa");
    }

    @Test
    void turnedOffNoCacheIsBuiltOrUsed() {
        TestWorkers workers = new TestWorkers(dir, new WorkerLimits(256, false, true));
        try {
            assertThat(workers.launcher.caches().building()).isFalse();
            assertThat(workers.launcher.command()).noneMatch(flag -> flag.startsWith("-XX:AOT"));
            assertThat(workers.launcher.aotCacheStatus()).startsWith("disabled");
        } finally {
            workers.launcher.shutdown();
        }
    }

    @Test
    void workersStartFromTheBaseCacheThenFromTheirKindsOwnAndTheJvmReallyUsesEach() throws Exception {
        assumeThat(AotSupport.ofRunningJdk()).isNotEqualTo(AotSupport.NONE);
        TestWorkers workers = new TestWorkers(dir, WITH_AOT);
        try {
            assertThat(workers.launcher.aotCacheStatus()).isIn("building: workers start without it until it is ready",
                    "ready");
            await().atMost(Duration.ofMinutes(2)).until(() -> !workers.launcher.caches().building());
            Path base = workers.launcher.caches().base().ready().orElseThrow();
            assertThat(workers.launcher.aotCacheStatus()).isEqualTo("ready");
            assertThat(base).isRegularFile().hasParent(dir);
            assertThat(Files.size(base)).isPositive();
            assertThat(workers.launcher.command()).contains("-XX:AOTCache=" + base)
                    .noneMatch(flag -> flag.startsWith("-Xshare"));
            assertStartsWithTheCacheEnforced(workers.launcher.command());

            // The first run of a kind starts from the base cache and asks for the kind's own.
            RunPlan plan = new RunPlan(Kinds.CPU_PRIMES, new ParamValues(Map.of("size", 2_000L)), 4, 2);
            RunMeasurement first = new ProcessPoolRunner(workers.launcher).run(plan);
            assertThat(first.observations().plain()).containsEntry("aotCache", true);
            assertThat(sum(first)).isEqualTo(sum(new SequentialRunner().run(plan)));
            await().atMost(Duration.ofMinutes(2)).until(() -> !workers.launcher.caches().building());
            Path own = workers.launcher.caches().kindCache(Kinds.CPU_PRIMES).ready().orElseThrow();
            assertThat(own.getFileName().toString()).endsWith("-cpu.primes.aot");
            assertThat(workers.launcher.aotCacheStatus()).isEqualTo("ready, and of their own for cpu.primes");
            List<String> primes = workers.launcher.command(Kinds.CPU_PRIMES);
            assertThat(primes).contains("-XX:AOTCache=" + own).doesNotContain("-XX:AOTCache=" + base);
            assertStartsWithTheCacheEnforced(primes);
            // A kind with no cache of its own (io.http is left out: its classes would burden every start) keeps the base one.
            assertThat(workers.launcher.command(Kinds.IO_HTTP)).contains("-XX:AOTCache=" + base);

            RunMeasurement second = new ProcessPoolRunner(workers.launcher).run(plan);
            assertThat(second.observations().plain()).containsEntry("aotCache", true);
            assertThat(sum(second)).isEqualTo(sum(first));
            // Only the caches are left of the builds: no temporary folder, no configuration file.
            try (var files = Files.list(dir)) {
                assertThat(files.map(path -> path.getFileName().toString()))
                        .filteredOn(name -> !name.endsWith(".jar"))
                        .containsExactlyInAnyOrder(base.getFileName().toString(), own.getFileName().toString());
            }
        } finally {
            workers.launcher.shutdown();
        }

        // Another server of the same build on the same JDK checks the files and uses them.
        TestWorkers again = new TestWorkers(dir, WITH_AOT);
        try {
            await().atMost(Duration.ofMinutes(1)).until(() -> !again.launcher.caches().building());
            assertThat(again.launcher.caches().base().ready()).isPresent();
            assertThat(again.launcher.command()).anyMatch(flag -> flag.startsWith("-XX:AOTCache="));
        } finally {
            again.launcher.shutdown();
        }
    }

    @Test
    void aCacheOnDiskThatTheJvmWouldSkipWithoutAWordIsNoticedAndBuiltAgain() throws Exception {
        AotSupport support = AotSupport.ofRunningJdk();
        assumeThat(support).isIn(AotSupport.ONE_STEP, AotSupport.CDS);
        // A real cache of the worker jar under the base cache's name, but made by a JVM with other
        // settings (uncompressed object pointers), as one started with JAVA_TOOL_OPTIONS would make.
        Path jar = WorkerJar.writeTo(dir);
        WorkerCommand command = WorkerCommand.forRunningJdk(dir, jar, WITH_AOT);
        Path target = dir.resolve(AotCache.fileName(command, support, AotCache.BASE));
        List<String> foreignTraining = new ArrayList<>(List.of("-XX:-UseCompressedOops"));
        foreignTraining.addAll(support.trainingFlags(target, dir.resolve("unused")));
        assertThat(run(command.worker(foreignTraining))).as("the foreign training run").isZero();
        byte[] foreign = Files.readAllBytes(target);
        // By default a JVM goes on without a cache it cannot use: the worker starts, only slower.
        assertThat(run(command.worker(support.workerFlags(target)))).isZero();
        List<String> strict = new ArrayList<>(command.worker(support.workerFlags(target)));
        strict.add(1, support.strictFlag());
        assertThat(run(strict)).as("told to use it, the JVM refuses it").isNotZero();

        TestWorkers workers = new TestWorkers(dir, WITH_AOT);
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> !workers.launcher.caches().building());
            assertThat(workers.launcher.aotCacheStatus()).isEqualTo("ready");
            assertThat(Files.readAllBytes(target)).as("built again, not the foreign file").isNotEqualTo(foreign);
            assertStartsWithTheCacheEnforced(workers.launcher.command());
        } finally {
            workers.launcher.shutdown();
        }
    }

    @Test
    void aBuildThatFailsLeavesWorkersRunningWithoutACache() throws Exception {
        assumeThat(AotSupport.ofRunningJdk()).isNotEqualTo(AotSupport.NONE);
        // Something that is not a file already holds the cache's name, so it cannot be moved into place.
        Path jar = WorkerJar.writeTo(dir);
        Path target = dir.resolve(AotCache.fileName(WorkerCommand.forRunningJdk(dir, jar, WITH_AOT),
                AotSupport.ofRunningJdk(), AotCache.BASE));
        Files.createDirectories(target.resolve("in-the-way"));

        TestWorkers workers = new TestWorkers(dir, WITH_AOT);
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> !workers.launcher.caches().building());
            assertThat(workers.launcher.caches().base().ready()).isEmpty();
            assertThat(workers.launcher.command()).noneMatch(flag -> flag.startsWith("-XX:AOT"));
            assertThat(workers.launcher.aotCacheStatus()).startsWith("failed: ").endsWith("workers start without it");

            RunPlan plan = new RunPlan(Kinds.IO_SLEEP, new ParamValues(Map.of("millis", 0L, "holdMonitor", 0L)), 2, 1);
            RunMeasurement run = new ProcessPoolRunner(workers.launcher).run(plan);
            assertThat(run.observations().plain()).containsEntry("aotCache", false);
            assertThat(run.tasks()).hasSize(2);
        } finally {
            workers.launcher.shutdown();
        }
    }

    @Test
    void shuttingDownDuringABuildLeavesNoTrainingJvmAndNoHalfWrittenCache() throws Exception {
        assumeThat(AotSupport.ofRunningJdk()).isNotEqualTo(AotSupport.NONE);
        TestWorkers workers = new TestWorkers(dir, WITH_AOT);
        await().atMost(Duration.ofSeconds(30)).until(() -> !trainingJvms().isEmpty());

        workers.launcher.shutdown();

        assertThat(workers.launcher.caches().building()).isFalse();
        assertThat(workers.launcher.caches().base().ready()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> trainingJvms().isEmpty());
        try (var files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString())).allMatch(name -> name.endsWith(".jar"));
        }
    }

    /**
     * Starts a worker from {@code command} with the JDK's strict flag added, which makes the JVM fail
     * at once unless it can use the cache named: READY then proves the cache is really used.
     */
    private static void assertStartsWithTheCacheEnforced(List<String> command) throws Exception {
        List<String> strict = new ArrayList<>(command);
        strict.add(1, AotSupport.ofRunningJdk().strictFlag());
        Process process = new ProcessBuilder(strict).start();
        WorkerProcess worker = new WorkerProcess(process, System.nanoTime(), Duration.ofSeconds(30), true, spawned -> {});
        try {
            // A JVM that cannot use the cache exits at once, and READY never comes.
            worker.awaitReady();
            worker.closeInput();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            worker.awaitCleanExit();
        } finally {
            process.destroyForcibly();
        }
    }

    /** Runs a worker command with its stdin closed (a worker exits at once after READY); its exit code. */
    private static int run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    /** This test JVM's descendants that train or assemble an AOT cache in this test's folder. */
    private List<ProcessHandle> trainingJvms() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().orElse("").contains(dir.toString()))
                .toList();
    }

    private static long sum(RunMeasurement measurement) {
        return measurement.tasks().stream().mapToLong(TaskRecord::checksum).sum();
    }
}
