package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        assertThat(AotSupport.forFeature(21)).isEqualTo(AotSupport.NONE);
        assertThat(AotSupport.forFeature(23)).isEqualTo(AotSupport.NONE);
        assertThat(AotSupport.forFeature(24)).isEqualTo(AotSupport.TWO_STEP);
        assertThat(AotSupport.forFeature(25)).isEqualTo(AotSupport.ONE_STEP);
        assertThat(AotSupport.forFeature(26)).isEqualTo(AotSupport.ONE_STEP);

        assertThat(AotSupport.forFeature(21).workerFlags(cache)).isEmpty();
        assertThat(AotSupport.forFeature(24).workerFlags(cache)).containsExactly("-XX:AOTCache=/tmp/w.aot");
        assertThat(AotSupport.forFeature(25).workerFlags(cache)).containsExactly("-XX:AOTCache=/tmp/w.aot");
        assertThat(AotSupport.forFeature(24).trainingFlags(cache, configuration))
                .containsExactly("-XX:AOTMode=record", "-XX:AOTConfiguration=/tmp/w.aotconf");
        assertThat(AotSupport.forFeature(25).trainingFlags(cache, configuration))
                .containsExactly("-XX:AOTCacheOutput=/tmp/w.aot");
    }

    @Test
    void aWorkerCommandOnAJdkWithoutAotCachesHasNoAotFlag() {
        WorkerCommand command = new WorkerCommand(Path.of("/jdk21/bin/java"), dir, dir.resolve("w.jar"), WITH_AOT);

        List<String> worker = command.worker(AotSupport.forFeature(21).workerFlags(dir.resolve("w.aot")));

        assertThat(worker).noneMatch(flag -> flag.startsWith("-XX:AOT") || flag.startsWith("-Xshare"));
        assertThat(worker).contains("-Xmx256m");
    }

    @Test
    void theCacheIsNamedByJarJdkAndFlags() {
        WorkerCommand command = new WorkerCommand(Path.of("java"), dir, dir.resolve("worker-0123456789abcdef.jar"), WITH_AOT);
        WorkerCommand otherHeap = new WorkerCommand(
                Path.of("java"), dir, dir.resolve("worker-0123456789abcdef.jar"), new WorkerLimits(512, true, true));

        assertThat(AotCache.fileName(command))
                .startsWith("worker-0123456789abcdef-" + System.getProperty("java.version").replaceAll("[^A-Za-z0-9._]+", "_"))
                .contains(System.getProperty("java.vm.vendor").replaceAll("[^A-Za-z0-9._]+", "_"))
                .endsWith(".aot")
                .isNotEqualTo(AotCache.fileName(otherHeap));
    }

    @Test
    void turnedOffNoCacheIsBuiltOrUsed() {
        TestWorkers workers = new TestWorkers(dir, new WorkerLimits(256, false, true));
        try {
            assertThat(workers.launcher.aotCache().building()).isFalse();
            assertThat(workers.launcher.command()).noneMatch(flag -> flag.startsWith("-XX:AOT"));
            assertThat(workers.launcher.aotCacheStatus()).startsWith("disabled");
        } finally {
            workers.launcher.shutdown();
        }
    }

    @Test
    void onceBuiltInTheBackgroundWorkersStartFromItAndComputeTheSame() throws Exception {
        assumeThat(AotSupport.ofRunningJdk()).isNotEqualTo(AotSupport.NONE);
        TestWorkers workers = new TestWorkers(dir, WITH_AOT);
        try {
            assertThat(workers.launcher.aotCacheStatus()).isIn("building: workers start without it until it is ready",
                    "ready");
            await().atMost(Duration.ofMinutes(2)).until(() -> !workers.launcher.aotCache().building());
            Path cache = workers.launcher.aotCache().ready().orElseThrow();
            assertThat(workers.launcher.aotCacheStatus()).isEqualTo("ready");
            assertThat(cache).isRegularFile().hasParent(dir);
            assertThat(Files.size(cache)).isPositive();
            // Only the cache is left of the build: no temporary folder, no configuration file.
            try (var files = Files.list(dir)) {
                assertThat(files.map(path -> path.getFileName().toString()))
                        .filteredOn(name -> !name.endsWith(".jar"))
                        .containsExactly(cache.getFileName().toString());
            }

            List<String> command = workers.launcher.command();
            assertThat(command).contains("-XX:AOTCache=" + cache).noneMatch(flag -> flag.startsWith("-Xshare"));

            RunPlan plan = new RunPlan(Kinds.CPU_PRIMES, new ParamValues(Map.of("size", 2_000L)), 4, 2);
            RunMeasurement run = new ProcessPoolRunner(workers.launcher).run(plan);
            assertThat(run.observations().plain()).containsEntry("aotCache", true);
            assertThat(sum(run)).isEqualTo(sum(new SequentialRunner().run(plan)));
        } finally {
            workers.launcher.shutdown();
        }

        // Another server of the same build on the same JDK uses the file at once.
        TestWorkers again = new TestWorkers(dir, WITH_AOT);
        try {
            assertThat(again.launcher.aotCache().building()).isFalse();
            assertThat(again.launcher.command()).anyMatch(flag -> flag.startsWith("-XX:AOTCache="));
        } finally {
            again.launcher.shutdown();
        }
    }

    @Test
    void aBuildThatFailsLeavesWorkersRunningWithoutACache() throws Exception {
        assumeThat(AotSupport.ofRunningJdk()).isNotEqualTo(AotSupport.NONE);
        // Something that is not a file already holds the cache's name, so it cannot be moved into place.
        Path jar = WorkerJar.writeTo(dir);
        Path target = dir.resolve(AotCache.fileName(WorkerCommand.forRunningJdk(dir, jar, WITH_AOT)));
        Files.createDirectories(target.resolve("in-the-way"));

        TestWorkers workers = new TestWorkers(dir, WITH_AOT);
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> !workers.launcher.aotCache().building());
            assertThat(workers.launcher.aotCache().ready()).isEmpty();
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

        assertThat(workers.launcher.aotCache().building()).isFalse();
        assertThat(workers.launcher.aotCache().ready()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> trainingJvms().isEmpty());
        try (var files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString())).allMatch(name -> name.endsWith(".jar"));
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
