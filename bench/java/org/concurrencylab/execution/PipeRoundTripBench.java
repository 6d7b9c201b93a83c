package org.concurrencylab.execution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.worker.Frame;
import org.concurrencylab.workload.Workloads;
import org.concurrencylab.worker.FrameException;

/**
 * Benchmark 3b of issue 6: one round trip over the pipes to a warm worker JVM, against a bare JVM.
 *
 * <ul>
 *   <li>lab: a worker started by {@link WorkerLauncher} (AOT cache as a server uses it) and
 *       configured for {@code ipc.pipe}; each round trip is what {@link PipeExchange} times: a PING
 *       frame of the payload sent with {@link WorkerProcess#send}, its PONG read with
 *       {@link WorkerProcess#receive}, and the echo checked byte for byte;
 *   <li>bare: {@code java -cp <test-classes> BareEcho}, no flags: the payload's bytes written to its
 *       stdin and the same number read back from its stdout, also checked.
 * </ul>
 * Both go through the {@link Process} streams of this JVM. After {@code --warmup} round trips each
 * (both JVMs' JITs warm), blocks of {@code --block} round trips alternate lab, bare, lab, bare...
 * so load drifting on the machine hits both alike.
 *
 * <p>Arguments: {@code --payload 64 --warmup 20000 --blocks 20 --block 2500 --dir target/bench-workers}.
 */
public final class PipeRoundTripBench {

    private static final double MICROS = 1e3;

    private PipeRoundTripBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchWorkers.options(args);
        int payloadBytes = Integer.parseInt(options.getOrDefault("payload", "64"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "20000"));
        int blocks = Integer.parseInt(options.getOrDefault("blocks", "20"));
        int block = Integer.parseInt(options.getOrDefault("block", "2500"));
        Path dir = Path.of(options.getOrDefault("dir", "target/bench-workers")).toAbsolutePath();

        BenchWorkers.printEnvironment();
        WorkerLauncher launcher = BenchWorkers.launcher(dir);
        WorkerProcess worker = null;
        Process bare = null;
        try {
            WorkloadDefinition pipe = Workloads.byId("ipc.pipe").orElseThrow();
            BenchWorkers.awaitAotCache(launcher, java.time.Duration.ofMinutes(3), pipe);
            worker = launcher.start(pipe, true);
            worker.awaitReady();
            worker.send(new Frame.Configure("ipc.pipe", Map.of("messages", 1_000_000L, "payloadBytes", (long) payloadBytes)));
            if (!(worker.receive() instanceof Frame.Configured)) {
                throw new IOException("the worker did not configure ipc.pipe");
            }
            bare = BenchWorkers.startBareEcho();
            Lab lab = new Lab(worker, payloadBytes);
            Bare echo = new Bare(bare, payloadBytes);
            System.out.printf("payload %d bytes; %d warm-up round trips each, then %d blocks of %d alternating%n",
                    payloadBytes, warmup, blocks, block);

            Histogram labTimes = BenchWorkers.histogram();
            Histogram bareTimes = BenchWorkers.histogram();
            lab.run(warmup, BenchWorkers.histogram());
            echo.run(warmup, BenchWorkers.histogram());
            for (int i = 0; i < blocks; i++) {
                lab.run(block, labTimes);
                echo.run(block, bareTimes);
            }
            BenchWorkers.printTable(List.of(new BenchWorkers.Row(
                    "pipe round trip, " + payloadBytes + " B, warm worker", labTimes, bareTimes, MICROS, "µs", 1.1)));
        } finally {
            if (bare != null) {
                bare.getOutputStream().close();
                bare.waitFor();
            }
            if (worker != null) {
                launcher.stop(List.of(worker));
            }
            launcher.shutdown();
        }
    }

    /** The lab's side, as {@link PipeExchange#run} does it: a PING, its PONG, the bytes compared. */
    private record Lab(WorkerProcess worker, byte[] payload) {

        Lab(WorkerProcess worker, int payloadBytes) {
            this(worker, new byte[payloadBytes]);
        }

        void run(int roundTrips, Histogram times) throws IOException {
            for (int i = 0; i < roundTrips; i++) {
                payload[0] = (byte) i;
                long sent = System.nanoTime();
                worker.send(new Frame.Ping(payload));
                Frame reply = worker.receive();
                times.recordValue(System.nanoTime() - sent);
                if (!(reply instanceof Frame.Pong pong) || !Arrays.equals(payload, pong.payload())) {
                    throw new FrameException("worker " + worker.pid() + " answered PING with " + reply);
                }
            }
        }
    }

    /** The bare echo's side: the same bytes written and read back, the same check. */
    private record Bare(OutputStream toEcho, InputStream fromEcho, byte[] payload, byte[] back) {

        Bare(Process echo, int payloadBytes) {
            this(echo.getOutputStream(), echo.getInputStream(), new byte[payloadBytes], new byte[payloadBytes]);
        }

        void run(int roundTrips, Histogram times) throws IOException {
            for (int i = 0; i < roundTrips; i++) {
                payload[0] = (byte) i;
                long sent = System.nanoTime();
                toEcho.write(payload);
                toEcho.flush();
                if (fromEcho.readNBytes(back, 0, back.length) != back.length) {
                    throw new IOException("the bare echo JVM closed its stdout");
                }
                times.recordValue(System.nanoTime() - sent);
                if (!Arrays.equals(payload, back)) {
                    throw new IOException("the bare echo JVM sent other bytes back");
                }
            }
        }
    }
}
