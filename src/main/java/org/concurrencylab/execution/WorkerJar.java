package org.concurrencylab.execution;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.HdrHistogram.Histogram;
import org.concurrencylab.worker.WorkerMain;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The classpath of a worker JVM: a small plain jar holding only the {@code worker} and
 * {@code workload} packages, which import nothing but the JDK, and HdrHistogram, the one library
 * they use (for percentiles, in {@link org.concurrencylab.workload.LatencyHistogram}).
 *
 * <p>Why a jar of our own: the server may run from the packaged Spring Boot jar, whose classes sit
 * in {@code BOOT-INF/classes} where a plain {@code java -cp app.jar} cannot see them. The classes
 * are found through Spring's resource resolver, which reads a classes folder, a library jar and
 * that nested layout, each package only under the root that holds its anchor class (so in tests
 * the lab's packages come from classes, not test-classes too).
 *
 * <p>The jar's bytes are deterministic (sorted entries, fixed timestamps), so its name is the hash
 * of its content: servers of the same build share one file, and a file of that name with other
 * bytes is never trusted. It is written to a temporary file and moved into place atomically, so a
 * worker never starts from a half-written jar while another server is writing it.
 */
final class WorkerJar {

    static final String MAIN_CLASS = WorkerMain.class.getName();

    /** Packages of the jar, found under the classpath root that holds their anchor class. */
    private record Source(Class<?> anchor, List<String> packages) {}

    private static final List<Source> SOURCES = List.of(
            new Source(WorkerMain.class, List.of("org/concurrencylab/worker/", "org/concurrencylab/workload/",
                    "org/concurrencylab/core/")),
            // Only loaded by a worker whose workload takes percentiles: no cost before READY.
            new Source(Histogram.class, List.of("org/HdrHistogram/")));

    // 1980-01-01, the earliest time a zip entry holds: any fixed value makes the bytes repeatable.
    private static final long FIXED_ENTRY_TIME = 315_532_800_000L;

    private WorkerJar() {}

    /** Writes the worker jar into {@code dir} unless an identical one is there; returns its path. */
    static Path writeTo(Path dir) throws IOException {
        byte[] jar = build(classes());
        Path target = dir.resolve("worker-" + SharedFiles.sha256Hex(jar).substring(0, 16) + ".jar");
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), jar)) {
            return target;
        }
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "worker-", ".jar.tmp");
        try {
            Files.write(temp, jar);
            SharedFiles.publish(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    /** Entry name to class bytes for every class of the worker packages, sorted by name. */
    static Map<String, byte[]> classes() throws IOException {
        PathMatchingResourcePatternResolver resolver =
                new PathMatchingResourcePatternResolver(WorkerJar.class.getClassLoader());
        Map<String, byte[]> classes = new TreeMap<>();
        for (Source source : SOURCES) {
            String anchorPath = source.anchor().getName().replace('.', '/') + ".class";
            String anchorUrl = resolver.getResource("classpath:" + anchorPath).getURL().toString();
            // The folder or jar root the packages live in, such as file:/app/target/classes/,
            // jar:file:/repo/HdrHistogram.jar!/ or jar:nested:/app/app.jar/!BOOT-INF/classes/!/
            String root = anchorUrl.substring(0, anchorUrl.length() - anchorPath.length());
            for (String pkg : source.packages()) {
                for (Resource resource : resolver.getResources(root + pkg + "**/*.class")) {
                    String url = resource.getURL().toString();
                    // The name inside the jar is the path from the package on; lastIndexOf because the
                    // folder the project sits in could itself contain the package path.
                    String name = url.substring(url.lastIndexOf(pkg));
                    try (InputStream in = resource.getInputStream()) {
                        classes.put(name, in.readAllBytes());
                    }
                }
            }
            if (!classes.containsKey(anchorPath)) {
                throw new IOException("found no " + anchorPath + " under " + root + " to build the worker jar");
            }
        }
        return classes;
    }

    private static byte[] build(Map<String, byte[]> classes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, MAIN_CLASS);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            JarEntry manifestEntry = new JarEntry("META-INF/MANIFEST.MF");
            manifestEntry.setTime(FIXED_ENTRY_TIME);
            jar.putNextEntry(manifestEntry);
            manifest.write(jar);
            jar.closeEntry();
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                JarEntry jarEntry = new JarEntry(entry.getKey());
                jarEntry.setTime(FIXED_ENTRY_TIME);
                jar.putNextEntry(jarEntry);
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
