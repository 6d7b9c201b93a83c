package org.concurrencylab.execution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.concurrencylab.worker.Frame;
import org.concurrencylab.workload.WorkloadKind;

/**
 * Benchmark 3a of issue 6: how long a user's experiment waits for a worker JVM, against a bare JVM.
 *
 * <p>Three JVMs are started the same way (a {@link ProcessBuilder} in this JVM, the same
 * {@code java}), interleaved A/B/C in one loop so that load drifting on the machine hits all three
 * alike:
 * <ul>
 *   <li>A: a lab worker from the AOT cache, by {@link WorkerLauncher#start}: spawn to READY as
 *       {@link WorkerProcess#awaitReady} reports it (a result's {@code startupMillis}), and on to
 *       the RESULTS of a first one-task chunk (CONFIGURE, CONFIGURED, TASKS) of {@code --kind} at its
 *       smallest params, what a worker costs before its first result comes back;
 *   <li>B: the same worker without the AOT cache;
 *   <li>C: {@code java -cp <test-classes> BareEcho}, no flags: spawn to a line written to its stdin
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
        WorkloadKind kind = WorkloadKind.byId(options.getOrDefault("kind", "cpu.primes")).orElseThrow();
        Map<String, Long> params = new LinkedHashMap<>();
        kind.params().forEach(param -> params.put(param.name(), param.min()));
        Frame.Configure configure = new Frame.Configure(kind.id(), params);
        Path dir = Path.of(options.getOrDefault("dir", "target/bench-workers")).toAbsolutePath();

        BenchWorkers.printEnvironment();
        WorkerLauncher launcher = BenchWorkers.launcher(dir);
        try {
            BenchWorkers.awaitAotCache(launcher, Duration.ofMinutes(3));
            System.out.println("worker: " + String.join(" ", launcher.command()));
            System.out.println("bare:   " + String.join(" ", BenchWorkers.bareEchoCommand()));

            Histogram aotReady = BenchWorkers.histogram();
            Histogram aotFirst = BenchWorkers.histogram();
            Histogram plainReady = BenchWorkers.histogram();
            Histogram plainFirst = BenchWorkers.histogram();
            Histogram bare = BenchWorkers.histogram();
            for (int i = 0; i < warmups + spawns; i++) {
                boolean counted = i >= warmups;
                long[] aot = spawnWorker(launcher, true, configure);
                long[] plain = spawnWorker(launcher, false, configure);
                long echo = spawnBare();
                if (counted) {
                    aotReady.recordValue(aot[0]);
                    aotFirst.recordValue(aot[1]);
                    plainReady.recordValue(plain[0]);
                    plainFirst.recordValue(plain[1]);
                    bare.recordValue(echo);
                }
                System.out.printf("%s %3d: AOT %.1f / %.1f ms, no AOT %.1f / %.1f ms, bare %.1f ms%n",
                        counted ? "spawn " : "warm-up", counted ? i - warmups + 1 : i + 1, aot[0] / MILLIS,
                        aot[1] / MILLIS, plain[0] / MILLIS, plain[1] / MILLIS, echo / MILLIS);
            }
            BenchWorkers.printTable(List.of(
                    new BenchWorkers.Row("worker spawn to READY, AOT cache", aotReady, bare, MILLIS, "ms", 1.2),
                    new BenchWorkers.Row("worker spawn to READY, no AOT cache", plainReady, bare, MILLIS, "ms", 0),
                    new BenchWorkers.Row("worker spawn to first RESULTS (" + kind.id() + "), AOT cache", aotFirst, bare, MILLIS, "ms", 0),
                    new BenchWorkers.Row("worker spawn to first RESULTS (" + kind.id() + "), no AOT cache", plainFirst, bare, MILLIS, "ms", 0)));
        } finally {
            launcher.shutdown();
        }
    }

    /** {spawn to READY as the lab reports it, spawn to the first chunk's RESULTS}, in nanoseconds. */
    private static long[] spawnWorker(WorkerLauncher launcher, boolean aotCache, Frame.Configure configure) throws IOException {
        long start = System.nanoTime();
        WorkerProcess worker = launcher.start(aotCache);
        try {
            if (worker.aotCache() != aotCache) {
                throw new IllegalStateException("asked for a worker with AOT cache " + aotCache + ", got one without");
            }
            long ready = worker.awaitReady();
            worker.send(configure);
            Frame configured = worker.receive();
            worker.send(new Frame.Tasks(0, 1));
            Frame results = worker.receive();
            long first = System.nanoTime() - start;
            if (!(configured instanceof Frame.Configured) || !(results instanceof Frame.Results)) {
                throw new IOException("worker answered " + configured + ", " + results);
            }
            return new long[] {ready, first};
        } finally {
            launcher.stop(List.of(worker));
        }
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
