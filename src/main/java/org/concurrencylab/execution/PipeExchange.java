package org.concurrencylab.execution;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.concurrencylab.worker.Frame;
import org.concurrencylab.worker.FrameException;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.workload.PipeWorkload;

/**
 * The server's side of {@code ipc.pipe}, for one run: a task is a stream of {@code messages}
 * PING frames of {@code payloadBytes} sent to one worker, one at a time, each waiting for its
 * PONG. Every echo is compared byte for byte with what was sent; the task's checksum is the number
 * that came back intact, so a run's checksum is {@code tasks x messages} on every run that works.
 * Round trips go into one histogram for the run; the task's CPU time is not measured (0): the
 * work is the pipe's and the other JVM's.
 */
final class PipeExchange {

    private final long messages;
    private final int payloadBytes;
    private final RoundTrips roundTrips = new RoundTrips();
    private final LongAdder intact = new LongAdder();

    PipeExchange(ParamValues params) {
        this.messages = params.get(PipeWorkload.MESSAGES);
        this.payloadBytes = Math.toIntExact(params.get(PipeWorkload.PAYLOAD_BYTES));
    }

    /**
     * Runs task {@code index} with {@code worker}.
     *
     * @param stopping true once the run is ending (cancel, time limit, another worker's failure):
     *     the stream stops before its next message
     */
    TaskRecord run(WorkerProcess worker, int index, BooleanSupplier stopping) throws IOException {
        byte[] payload = new byte[payloadBytes];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (index * 31 + i * 7 + 1);
        }
        RoundTrips mine = new RoundTrips();
        long echoed = 0;
        long start = System.nanoTime();
        for (long message = 0; message < messages; message++) {
            if (stopping.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("the run is ending");
            }
            stamp(payload, message);
            long sent = System.nanoTime();
            worker.send(new Frame.Ping(payload));
            Frame reply = worker.receive();
            mine.record(System.nanoTime() - sent);
            if (!(reply instanceof Frame.Pong pong)) {
                throw new FrameException("worker " + worker.pid() + " answered PING with " + reply);
            }
            if (Arrays.equals(payload, pong.payload())) {
                echoed++;
            }
        }
        long end = System.nanoTime();
        roundTrips.add(mine);
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
        return Observations.builder()
                .put(PipeWorkload.MESSAGES_PER_SECOND, wallNanos > 0 ? Math.round(echoed / seconds) : 0L)
                .put(PipeWorkload.BYTES_PER_SECOND, wallNanos > 0 ? Math.round(echoed * (double) payloadBytes / seconds) : 0L)
                .put(PipeWorkload.ROUND_TRIP_MICROS_P50, micros(roundTrips.percentile(0.50)))
                .put(PipeWorkload.ROUND_TRIP_MICROS_P99, micros(roundTrips.percentile(0.99)))
                .put(PipeWorkload.PAYLOAD_BYTES_USED, payloadBytes)
                .put(PipeWorkload.MESSAGES_ECHOED, echoed)
                .build();
    }

    private static double micros(double nanos) {
        return Math.round(nanos / 10.0) / 100.0;
    }

    /**
     * A histogram of round trips in nanoseconds, about 1.6% wide buckets (64 per power of two), so a
     * million messages need no million-entry array. A percentile is its bucket's middle.
     */
    static final class RoundTrips {

        private static final int SUB = 64;
        private static final int SUB_BITS = 6;

        private final long[] counts = new long[64 * SUB];
        private long total;

        void record(long nanos) {
            counts[bucket(Math.max(0, nanos))]++;
            total++;
        }

        synchronized void add(RoundTrips other) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
            total += other.total;
        }

        /** The value at quantile {@code q} (0 < q <= 1), or 0 when nothing was recorded. */
        synchronized double percentile(double q) {
            if (total == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(q * total));
            long seen = 0;
            for (int bucket = 0; bucket < counts.length; bucket++) {
                seen += counts[bucket];
                if (seen >= rank) {
                    return middle(bucket);
                }
            }
            throw new IllegalStateException("rank " + rank + " beyond " + total + " values");
        }

        static int bucket(long nanos) {
            if (nanos < SUB) {
                return (int) nanos;
            }
            int shift = 63 - Long.numberOfLeadingZeros(nanos) - SUB_BITS;
            return (shift + 1) * SUB + (int) (nanos >>> shift) - SUB;
        }

        static double middle(int bucket) {
            if (bucket < SUB) {
                return bucket;
            }
            int shift = bucket / SUB - 1;
            long lower = (long) (SUB + bucket % SUB) << shift;
            return lower + ((1L << shift) - 1) / 2.0;
        }
    }
}
