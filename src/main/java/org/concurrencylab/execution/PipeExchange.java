package org.concurrencylab.execution;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.concurrencylab.workload.LatencyHistogram;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.workload.PipeWorkload;

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

    PipeExchange(ParamValues params) {
        this.messages = params.get(PipeWorkload.MESSAGES);
        this.payloadBytes = Math.toIntExact(params.get(PipeWorkload.PAYLOAD_BYTES));
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
    Observations observations(long wallNanos) {
        long echoed = intact.sum();
        double seconds = wallNanos / 1e9;
        Observations.Builder observations = Observations.builder()
                .put(PipeWorkload.MESSAGES_PER_SECOND, wallNanos > 0 ? Math.round(echoed / seconds) : 0L)
                .put(PipeWorkload.BYTES_PER_SECOND, wallNanos > 0 ? Math.round(echoed * (double) payloadBytes / seconds) : 0L)
                .put(PipeWorkload.PAYLOAD_BYTES_USED, payloadBytes)
                .put(PipeWorkload.MESSAGES_ECHOED, echoed);
        synchronized (roundTrips) {
            observations.put(PipeWorkload.ROUND_TRIP_MICROS_P50, micros(roundTrips.percentile(50)))
                    .put(PipeWorkload.ROUND_TRIP_MICROS_P99, micros(roundTrips.percentile(99)));
        }
        return observations.build();
    }

    private static double micros(double nanos) {
        return Math.round(nanos / 10.0) / 100.0;
    }
}
