package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerJarTest {

    @TempDir
    Path dir;

    @Test
    void holdsTheCoreWorkerAndWorkloadClassesAndHdrHistogramAndNothingElse() throws IOException {
        Path jar = WorkerJar.writeTo(dir);

        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = Collections.list(file.entries()).stream().map(JarEntry::getName).toList();
            assertThat(names)
                    .contains(
                            "org/concurrencylab/worker/WorkerMain.class",
                            "org/concurrencylab/worker/Frames.class",
                            "org/concurrencylab/worker/Frame$Ready.class",
                            "org/concurrencylab/core/WorkloadDefinition.class",
                            "org/concurrencylab/core/TaskRecord.class",
                            "org/concurrencylab/core/Observations.class",
                            "org/concurrencylab/workload/PrimesWorkload.class",
                            "org/concurrencylab/workload/LatencyHistogram.class",
                            "org/HdrHistogram/Histogram.class")
                    .noneMatch(name -> name.startsWith("org/springframework/"))
                    .noneMatch(name -> name.startsWith("org/concurrencylab/execution/"))
                    // Only main classes: the tests beside them in target/test-classes stay out.
                    .noneMatch(name -> name.endsWith("Test.class"))
                    .allMatch(name -> name.startsWith("META-INF/")
                            || name.startsWith("org/concurrencylab/core/")
                            || name.startsWith("org/concurrencylab/worker/")
                            || name.startsWith("org/concurrencylab/workload/")
                            || name.startsWith("org/HdrHistogram/"));
            assertThat(file.getManifest().getMainAttributes().get(Attributes.Name.MAIN_CLASS))
                    .isEqualTo("org.concurrencylab.worker.WorkerMain");
        }
    }

    @Test
    void aWorkloadTakesPercentilesWithNothingButTheWorkerJar() throws Exception {
        Path jar = WorkerJar.writeTo(dir);

        // The platform loader as parent: the JDK, and not this test's classpath.
        try (URLClassLoader worker = new URLClassLoader(
                new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> histogram = worker.loadClass("org.concurrencylab.workload.LatencyHistogram");
            Object p50 = histogram.getMethod("percentile", long[].class, double.class)
                    .invoke(null, new long[] {3, 1, 2}, 50.0);

            assertThat(histogram.getClassLoader()).isSameAs(worker);
            assertThat(p50).isEqualTo(2L);
        }
    }

    @Test
    void isNamedByContentSoWritingAgainReusesTheSameFile() throws IOException {
        Path first = WorkerJar.writeTo(dir);
        Path second = WorkerJar.writeTo(dir);

        assertThat(second).isEqualTo(first);
        assertThat(first.getFileName().toString()).matches("worker-[0-9a-f]{16}\\.jar");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(first);
        }
    }

    @Test
    void aFileOfTheSameNameWithOtherBytesIsReplaced() throws IOException {
        Path jar = WorkerJar.writeTo(dir);
        byte[] good = Files.readAllBytes(jar);
        Files.writeString(jar, "not a jar");

        assertThat(WorkerJar.writeTo(dir)).isEqualTo(jar);
        assertThat(Files.readAllBytes(jar)).isEqualTo(good);
    }
}
