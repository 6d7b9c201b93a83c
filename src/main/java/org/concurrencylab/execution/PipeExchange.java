package org.concurrencylab.execution;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.concurrencylab.workload.LatencyHistogram;
import org.concurrencylab.workload.TaskRecord;
import org.concurrencylab.workload.WorkloadParams;

/**
 * The server's side of {@code ipc.pipe}, for one run: a task is a stream of {@code messages}
 * PING frames of {@code payloadBytes} sent to one worker, one at a time, each waiting for its
 * PONG. Every echo is compared byte for byte with what was sent; the task's checksum is the number
 * that came back intact, so a run's checksum is {@code tasks x messages} on every run that works.
 * Round trips go into one {@link LatencyHistogram} for the run; the task's CPU time is not measured (0): the
 * work is the pipe's and the other JVM's.
 */
final class PipeExchange {

    private final long messages;
    private final int payloadBytes;
    // Guarded by itself: every pipe thread of the run adds its tasks' round trips.
    private final LatencyHistogram roundTrips = new LatencyHistogram();
    private final LongAdder intact = new LongAdder();

    PipeExchange(WorkloadParams params) {
        this.messages = params.get("messages");
        this.payloadBytes = Math.toIntExact(params.get("payloadBytes"));
    }

    /**
     * Runs task {@code index} with the worker of {@code session}.
     *
     * @param stopping true once the run is ending (cancel, time limit, another worker's failure):
     *     the stream stops before its next message
     */
    TaskRecord run(WorkerSession session, int index, BooleanSupplier stopping) throws IOException {
        byte[] payload = new byte[payloadBytes];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (index * 31 + i * 7 + 1);
        }
        LatencyHistogram mine = new LatencyHistogram();
        long echoed = 0;
        long start = System.nanoTime();
        for (long message = 0; message < messages; message++) {
            if (stopping.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("the run is ending");
            }
            stamp(payload, message);
            long sent = System.nanoTime();
            byte[] echo = session.ping(payload);
            mine.record(System.nanoTime() - sent);
            if (Arrays.equals(payload, echo)) {
                echoed++;
            }
        }
        long end = System.nanoTime();
        synchronized (roundTrips) {
            roundTrips.add(mine);
        }
        intact.add(echoed);
        return new TaskRecord(index, start, end, echoed);
    }

    /** Each message differs from the one before in its first bytes (its number), so a stale echo shows. */
    private static void stamp(byte[] payload, long message) {
        for (int i = 0; i < Math.min(Long.BYTES, payload.length); i++) {
            payload[i] = (byte) (message >>> (8 * i));
        }
    }

    /** The lab's observations, rates over the run's wall time (every worker's stream at once). */
    Map<String, Object> observations(long wallNanos) {
        long echoed = intact.sum();
        double seconds = wallNanos / 1e9;
        Map<String, Object> observations = new LinkedHashMap<>();
        observations.put("messagesPerSecond", wallNanos > 0 ? Math.round(echoed / seconds) : 0L);
        observations.put("bytesPerSecond", wallNanos > 0 ? Math.round(echoed * (double) payloadBytes / seconds) : 0L);
        synchronized (roundTrips) {
            observations.put("roundTripMicrosP50", micros(roundTrips.percentile(50)));
            observations.put("roundTripMicrosP99", micros(roundTrips.percentile(99)));
        }
        observations.put("payloadBytes", (long) payloadBytes);
        observations.put("messages", echoed);
        return observations;
    }

    private static double micros(double nanos) {
        return Math.round(nanos / 10.0) / 100.0;
    }
}
