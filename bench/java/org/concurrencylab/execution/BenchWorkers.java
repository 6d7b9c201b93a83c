package org.concurrencylab.execution;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.concurrencylab.bench.BareEcho;
import org.concurrencylab.core.WorkloadDefinition;

/**
 * What the worker benchmarks share: the lab's own {@link WorkerLauncher} (same jar, flags and AOT
 * cache a server uses), the bare echo JVM they are compared with, and the markdown table.
 */
final class BenchWorkers {

    /** Default worker limits with the AOT cache on, as a server runs them. */
    static final WorkerLimits SERVER_DEFAULTS = new WorkerLimits(256, true, true);

    private BenchWorkers() {}

    /** Arguments of the form {@code --name value}. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /**
     * A launcher writing its jar and cache to {@code dir}, as a server with that worker-dir would.
     * The folder is kept between runs on purpose: a server builds its cache once and every later
     * worker starts from it, which is what a user's experiment gets.
     */
    static WorkerLauncher launcher(Path dir) {
        ExecutionProperties properties = new ExecutionProperties(
                1, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30), null, Duration.ofSeconds(2), dir);
        WorkerLauncher launcher = new WorkerLauncher(properties, SERVER_DEFAULTS, event -> {});
        launcher.prepare();
        return launcher;
    }

    /**
     * Waits for the launcher's background cache builds (the base cache, and {@code kind}'s own when a
     * kind is given, asked for here); fails if the base cache, or the kind's, ends up missing.
     */
    static void awaitAotCache(WorkerLauncher launcher, Duration timeout, WorkloadDefinition kind) {
        WorkerCaches caches = launcher.caches();
        long started = System.nanoTime();
        AotCache own = kind == null ? null : caches.kindCache(kind);
        org.awaitility.Awaitility.await("the worker AOT caches").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> !caches.building());
        if (caches.base().ready().isEmpty() || (own != null && own.ready().isEmpty())) {
            throw new IllegalStateException("no worker AOT cache (JDK " + Runtime.version()
                    + "); the server log of AotCache says why");
        }
        long waited = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("AOT caches %s%s (%s)%n", caches.base().ready().get(),
                own == null ? "" : " and " + own.ready().get(), waited > 100 ? "built in " + waited + " ms" : "reused");
    }

    /**
     * The bare echo JVM: the same {@code java} as the workers, no flags at all, only the
     * test-classes folder on the class path.
     */
    static List<String> bareEchoCommand() {
        Path classes;
        try {
            classes = Path.of(BareEcho.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classes.toString(),
                BareEcho.class.getName());
    }

    static Process startBareEcho() throws IOException {
        return new ProcessBuilder(bareEchoCommand()).start();
    }

    /** Reads until {@code '\n'} (included); fails on end of stream. */
    static void readLine(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the bare echo JVM closed its stdout");
            }
        }
    }

    /** Nanoseconds from 1 ns to an hour, 3 significant digits. */
    static Histogram histogram() {
        return new Histogram(3_600_000_000_000L, 3);
    }

    /** One row of the result table. */
    record Row(String measure, Histogram lab, Histogram bare, double unitNanos, String unit, double target) {

        double ratio() {
            return (double) lab.getValueAtPercentile(50) / bare.getValueAtPercentile(50);
        }
    }

    static void printTable(List<Row> rows) {
        List<String> lines = new ArrayList<>();
        lines.add("| measure | lab p50 | lab p99 | bare p50 | bare p99 | n (lab/bare) | ratio of p50s | target | met? |");
        lines.add("|---|---:|---:|---:|---:|---:|---:|---:|:---:|");
        for (Row row : rows) {
            lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d/%d | %.2fx | %s | %s |", row.measure(),
                    value(row.lab(), 50, row), value(row.lab(), 99, row), value(row.bare(), 50, row),
                    value(row.bare(), 99, row), row.lab().getTotalCount(), row.bare().getTotalCount(), row.ratio(),
                    row.target() > 0 ? String.format(Locale.ROOT, "<= %.1fx", row.target()) : "-",
                    row.target() > 0 ? (row.ratio() <= row.target() ? "yes" : "no") : "-"));
        }
        System.out.println();
        lines.forEach(System.out::println);
    }

    private static String value(Histogram histogram, double percentile, Row row) {
        return String.format(Locale.ROOT, "%.1f %s", histogram.getValueAtPercentile(percentile) / row.unitNanos(), row.unit());
    }

    /** The JVM and machine, printed above every table: numbers without them mean little. */
    static void printEnvironment() {
        System.out.printf("JDK %s (%s), %d cores, load average %.2f%n", System.getProperty("java.version"),
                System.getProperty("java.home"), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
