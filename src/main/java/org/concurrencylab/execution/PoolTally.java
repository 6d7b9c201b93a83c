package org.concurrencylab.execution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.worker.Frame;
import org.concurrencylab.workload.LatencyHistogram;

/**
 * What the pipe threads of one {@link PoolRun} measure: the workers' start-up and workload builds,
 * every task's record, the chunks' round trips and CPU time, and each worker's workload
 * observations; and the pool's own observations made of them. Thread-safe: every pipe thread
 * adds to it.
 */
final class PoolTally {

    // The observations the pool adds to every run, whatever the workload.
    static final Metric.Count WORKERS_STARTED = Metric.count("workersStarted", "workers", Aggregation.SUM,
            "worker JVMs started for this run");
    static final Metric.Count WORKERS_RECYCLED = Metric.count("workersRecycled", "workers", Aggregation.SUM,
            "workers replaced after maxTasksPerWorker tasks");
    static final Metric.Count CHUNKS = Metric.count("chunks", "messages", Aggregation.SUM, "chunks of tasks sent");
    static final Metric.Real DISPATCH_OVERHEAD = Metric.real("dispatchOverheadMicrosPerTask", "microseconds",
            Aggregation.MEAN, "wall time per task spent outside the workload: pipes, framing, hand-over");
    static final Metric.Real PIPE_ROUND_TRIP = Metric.real("pipeRoundTripMicrosP50", "microseconds", Aggregation.MAX,
            "median pipe round trip of a chunk, without the worker's own time");
    static final Metric.Real CONFIGURE_MAX = Metric.real("configureMillisMax", "milliseconds", Aggregation.MAX,
            "the slowest worker's build of the workload, before the clock starts");
    static final Metric.Flag AOT_CACHE = Metric.flag("aotCache", "whether every worker started from the AOT cache");

    private final AtomicLong slowestStartup = new AtomicLong();
    // Building the workload in a worker happens before the clock starts, so neither wall time
    // nor start-up shows it; reported on its own so that a slow CONFIGURE is not hidden.
    private final AtomicLong slowestConfigure = new AtomicLong();
    private final AtomicLong lastResultAt = new AtomicLong();
    // In completion order, as RunMeasurement documents.
    private final List<TaskRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final LongAdder chunks = new LongAdder();
    private final LongAdder overheadNanos = new LongAdder();
    private final LongAdder cpuNanos = new LongAdder();
    // Guarded by itself.
    private final LatencyHistogram pipeNanos = new LatencyHistogram();
    // What each worker's workload observed, one map per worker that took part.
    private final List<Observations> workloadObservations = Collections.synchronizedList(new ArrayList<>());

    void startedUp(long startupNanos) {
        slowestStartup.accumulateAndGet(startupNanos, Math::max);
    }

    void configured(long nanos) {
        slowestConfigure.accumulateAndGet(nanos, Math::max);
    }

    /** A chunk's results, sent at {@code sent} and received at {@code received}. */
    void resultsReceived(Frame.Results results, long sent, long received) {
        long roundTrip = received - sent;
        long work = results.records().stream().mapToLong(TaskRecord::durationNanos).sum();
        overheadNanos.add(roundTrip - work);
        cpuNanos.add(results.cpuNanos());
        synchronized (pipeNanos) {
            pipeNanos.record(roundTrip - results.busyNanos());
        }
        chunks.increment();
        lastResultAt.accumulateAndGet(received, Math::max);
        records.addAll(results.records());
    }

    /** ipc.pipe: one task's stream of messages has ended. */
    void messagesExchanged(TaskRecord record) {
        lastResultAt.accumulateAndGet(record.endNanos(), Math::max);
        records.add(record);
    }

    /** ipc.pipe: every task of a chunk has ended. */
    void chunkExchanged() {
        chunks.increment();
    }

    void observed(Observations observations) {
        workloadObservations.add(observations);
    }

    /** The run's wall time, from {@code firstChunkSent} to the last result in; 0 when no task ran. */
    long wallNanos(long firstChunkSent) {
        return records.isEmpty() ? 0 : lastResultAt.get() - firstChunkSent;
    }

    /** What the workers' workloads observed, combined by each metric's aggregation. */
    Observations workloadObservations() {
        return Observations.combine(workloadObservations);
    }

    /** The slowest worker's start-up (spawn to READY). */
    long slowestStartup() {
        return slowestStartup.get();
    }

    /** CPU time of the workers' task threads over every chunk. */
    long cpuNanos() {
        return cpuNanos.sum();
    }

    /**
     * Every task's record, in completion order, stamped as queued at {@code firstChunkSent}: every
     * task is queued for the pool when the first chunk goes out, and a worker's clock
     * (CLOCK_MONOTONIC) is the server's, so its start times compare with this.
     */
    List<TaskRecord> records(long firstChunkSent) {
        return records.stream().map(r -> r.submittedAt(firstChunkSent)).toList();
    }

    /**
     * The pool's side of the run: how many workers it started and recycled, how many chunks
     * it sent, the wall time per task spent outside the workload (pipes, framing, hand-over to
     * the worker's task thread), the median pipe round trip of a chunk without the worker's
     * own time, the slowest workload build (CONFIGURE to CONFIGURED, outside the clock), and
     * whether every worker started from the AOT cache.
     *
     * @param chunked false for ipc.pipe, which sends no chunks of tasks: its round trips are its
     *     own observations, not the pool's
     */
    Observations poolObservations(int started, int recycled, boolean allFromAotCache, boolean chunked, int tasks) {
        Observations.Builder observations = Observations.builder()
                .put(WORKERS_STARTED, started)
                .put(WORKERS_RECYCLED, recycled)
                .put(CONFIGURE_MAX, millis(slowestConfigure.get()))
                .put(AOT_CACHE, allFromAotCache);
        if (chunked) {
            observations.put(CHUNKS, chunks.sum())
                    .put(DISPATCH_OVERHEAD, micros(overheadNanos.sum() / (double) tasks));
            synchronized (pipeNanos) {
                observations.put(PIPE_ROUND_TRIP, micros(pipeNanos.percentile(50)));
            }
        }
        return observations.build();
    }

    /** Nanoseconds as microseconds with two decimals: finer is noise. */
    private static double micros(double nanos) {
        return Math.round(nanos / 10.0) / 100.0;
    }

    /** Nanoseconds as milliseconds to the microsecond, so that a quick build never reads as 0. */
    private static double millis(double nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
