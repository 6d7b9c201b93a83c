package org.concurrencylab.execution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.worker.Frame;
import org.concurrencylab.workload.Workloads;

/**
 * Worker JVM start-up (issue 6's benchmark 3a, issue 16's target): how long a user's experiment
 * waits for a fresh worker JVM, against a bare JVM that prints one line.
 *
 * <p>Four JVMs are started the same way (a {@link ProcessBuilder} in this JVM, the same
 * {@code java}), interleaved in one loop so that load drifting on the machine hits all alike:
 * <ul>
 *   <li>A: a lab worker of {@code --kind} from that kind's own cache, started by
 *       {@link WorkerLauncher#start} as an experiment's workers are (with the OS limits set beside it): spawn to READY as {@link WorkerProcess#awaitReady} reports
 *       it (a result's {@code startupMillis}), and on to the RESULTS of a first one-task chunk
 *       (CONFIGURE, CONFIGURED, TASKS) at the kind's smallest params; then the worker's resident
 *       memory (VmRSS), at work;
 *   <li>B: the same worker from the base cache (what the first run of a kind gets);
 *   <li>C: the same worker without any cache;
 *   <li>D: {@code java -cp <test-classes> BareEcho}, no flags: spawn to a line written to its stdin
 *       and read back from its stdout.
 * </ul>
 *
 * <p>Arguments: {@code --spawns 40 --warmups 5 --kind cpu.primes --dir target/bench-workers}.
 */
public final class WorkerStartupBench {

    private static final double MILLIS = 1e6;

    private WorkerStartupBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchWorkers.options(args);
        int spawns = Integer.parseInt(options.getOrDefault("spawns", "40"));
        int warmups = Integer.parseInt(options.getOrDefault("warmups", "5"));
        WorkloadDefinition kind = Workloads.byId(options.getOrDefault("kind", "cpu.primes")).orElseThrow();
        Map<String, Long> params = new LinkedHashMap<>();
        for (Param param : kind.params()) {
            params.put(param.name(), param.minRaw());
        }
        Frame.Configure configure = new Frame.Configure(kind.id(), params);
        Path dir = Path.of(options.getOrDefault("dir", "target/bench-workers")).toAbsolutePath();

        BenchWorkers.printEnvironment();
        WorkerLauncher launcher = BenchWorkers.launcher(dir);
        try {
            BenchWorkers.awaitAotCache(launcher, Duration.ofMinutes(3), kind);
            List<String> own = launcher.command(kind);
            List<String> base = launcher.command(null);
            System.out.println("worker (own cache):  " + String.join(" ", own));
            System.out.println("worker (base cache): " + String.join(" ", base));
            System.out.println("bare:                " + String.join(" ", BenchWorkers.bareEchoCommand()));

            Histogram ownReady = BenchWorkers.histogram();
            Histogram ownFirst = BenchWorkers.histogram();
            Histogram baseReady = BenchWorkers.histogram();
            Histogram baseFirst = BenchWorkers.histogram();
            Histogram plainReady = BenchWorkers.histogram();
            Histogram plainFirst = BenchWorkers.histogram();
            Histogram bare = BenchWorkers.histogram();
            Histogram rss = BenchWorkers.histogram();
            for (int i = 0; i < warmups + spawns; i++) {
                boolean counted = i >= warmups;
                long[] a = spawnWorker(launcher, () -> launcher.start(kind, true), configure);
                long[] b = spawnWorker(launcher, () -> launcher.start(null, true), configure);
                long[] c = spawnWorker(launcher, () -> launcher.start(null, false), configure);
                long echo = spawnBare();
                if (counted) {
                    ownReady.recordValue(a[0]);
                    ownFirst.recordValue(a[1]);
                    rss.recordValue(a[2]);
                    baseReady.recordValue(b[0]);
                    baseFirst.recordValue(b[1]);
                    plainReady.recordValue(c[0]);
                    plainFirst.recordValue(c[1]);
                    bare.recordValue(echo);
                }
                System.out.printf("%s %3d: own cache %.1f / %.1f ms (%d KiB), base cache %.1f / %.1f ms, "
                                + "no cache %.1f / %.1f ms, bare %.1f ms%n",
                        counted ? "spawn " : "warm-up", counted ? i - warmups + 1 : i + 1, a[0] / MILLIS,
                        a[1] / MILLIS, a[2], b[0] / MILLIS, b[1] / MILLIS, c[0] / MILLIS, c[1] / MILLIS, echo / MILLIS);
            }
            BenchWorkers.printTable(List.of(
                    new BenchWorkers.Row("worker spawn to READY, " + kind.id() + "'s own cache", ownReady, bare, MILLIS, "ms", 1.0),
                    new BenchWorkers.Row("worker spawn to READY, base cache", baseReady, bare, MILLIS, "ms", 0),
                    new BenchWorkers.Row("worker spawn to READY, no cache", plainReady, bare, MILLIS, "ms", 0),
                    new BenchWorkers.Row("worker spawn to first RESULTS (" + kind.id() + "), own cache", ownFirst, bare, MILLIS, "ms", 0),
                    new BenchWorkers.Row("worker spawn to first RESULTS (" + kind.id() + "), base cache", baseFirst, bare, MILLIS, "ms", 0),
                    new BenchWorkers.Row("worker spawn to first RESULTS (" + kind.id() + "), no cache", plainFirst, bare, MILLIS, "ms", 0)));
            System.out.printf("%nworker resident memory after its first chunk (VmRSS), own cache: p50 %.1f MiB, max %.1f MiB "
                    + "(target <= 40 MiB)%n", rss.getValueAtPercentile(50) / 1024.0, rss.getMaxValue() / 1024.0);
        } finally {
            launcher.shutdown();
        }
    }

    /**
     * {spawn to READY as the lab reports it, spawn to the first chunk's RESULTS, in nanoseconds;
     * the worker's VmRSS in KiB then}.
     */
    private static long[] spawnWorker(WorkerLauncher launcher, Starter starter, Frame.Configure configure)
            throws IOException {
        long start = System.nanoTime();
        WorkerProcess worker = starter.start();
        try {
            long ready = worker.awaitReady();
            worker.send(configure);
            Frame configured = worker.receive();
            worker.send(new Frame.Tasks(0, 1));
            Frame results = worker.receive();
            long first = System.nanoTime() - start;
            if (!(configured instanceof Frame.Configured) || !(results instanceof Frame.Results)) {
                throw new IOException("worker answered " + configured + ", " + results);
            }
            return new long[] {ready, first, residentKib(worker.pid())};
        } finally {
            launcher.stop(List.of(worker));
        }
    }

    /** The launcher's own start, OS limits and all, as an experiment's workers get it. */
    private interface Starter {
        WorkerProcess start() throws IOException;
    }

    private static long residentKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static long spawnBare() throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = BenchWorkers.startBareEcho();
        OutputStream in = process.getOutputStream();
        InputStream out = process.getInputStream();
        in.write("ready?\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
        BenchWorkers.readLine(out);
        long elapsed = System.nanoTime() - start;
        in.close();
        process.waitFor();
        return elapsed;
    }
}
