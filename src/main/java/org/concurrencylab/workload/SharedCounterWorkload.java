package org.concurrencylab.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.ObservedFacts;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskShape;
import org.concurrencylab.core.WorkKind;
import org.concurrencylab.core.Workload;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.core.Words;

/**
 * {@code ipc.shared}: {@code multiprocessing.Value} on the JVM. Every task is a worker JVM adding 1
 * to one counter in memory that the run's worker JVMs share ({@link SharedRegion}, a mapped file),
 * {@code increments} times, under the chosen strategy.
 *
 * <p>Shared: the region's counter, between processes. {@code none} reads and writes it in two
 * volatile steps, so every iteration really touches the shared page and another process's write
 * can fall between them: {@code counter.value += 1} without {@code get_lock()}. {@code lock} takes
 * an OS file lock on the counter's bytes around the same two steps, as {@code multiprocessing.Lock}
 * (a lock the kernel keeps between processes). {@code atomic} retries a compare-and-set on the
 * shared page until it wins. Each task returns its increments, so the checksum is the expected total;
 * what was lost is what the server reads from the region at the end ({@link SharedRegion#observed})
 * against what the workers made.
 */
final class SharedCounterWorkload implements Workload, SharedRegion.User {

    /** How the shared counter is protected; the ids are the choices users write. */
    enum Strategy {
        NONE, LOCK, ATOMIC;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static String[] ids() {
            return Arrays.stream(values()).map(Strategy::id).toArray(String[]::new);
        }
    }

    static final Param.Int INCREMENTS = Param.integer("increments", "increments per worker process", "increments",
            100_000, 1, 10_000_000);
    /** Choices in {@link Strategy}'s order, read back with {@code index}. */
    static final Param.Choice STRATEGY = Param.choice("strategy", "how the shared counter is protected between "
            + "processes", "none", Strategy.ids());

    static final Metric.Text STRATEGY_USED = Metric.text("strategy", Aggregation.SAME,
            "how the counter was protected");
    static final Metric.Count EXPECTED = Metric.count("expected", "increments", Aggregation.SUM,
            "increments the worker processes made, which the counter should show");
    static final Metric.Count OBSERVED = Metric.count("observed", "increments", Aggregation.SAME,
            "what the shared counter showed once every worker had finished, read by the server");
    static final Metric.Count LOST_UPDATES = Metric.count("lostUpdates", "increments", Aggregation.DERIVED,
            "expected - observed: increments overwritten by a racing process");
    static final Metric.Count INCREMENTS_PER_SECOND = Metric.count("incrementsPerSecond", "increments/s",
            Aggregation.SUM, "increments per second, each worker's from its first to its last, summed");

    private static final String IN_PROCESS = "ipc.shared shares memory between processes (a mapped file, as "
            + "multiprocessing.Value); threads in one JVM share all their memory already. To race threads on one "
            + "counter, use sync.counter";

    static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("ipc.shared", WorkKind.INTER_PROCESS)
            .description("Processes share no memory unless they map some, as multiprocessing.Value does: every task "
                    + "is a worker JVM adding 1 to one counter in a memory-mapped file the server made for the run "
                    + "(and removes after it), increments times. With strategy none the read-add-write races across "
                    + "processes and updates are lost (lostUpdates = expected - observed); lock takes an OS file lock "
                    + "between processes around it (multiprocessing.Lock); atomic retries a compare-and-set on the "
                    + "shared memory. Compare incrementsPerSecond with sync.counter on THREADS, and with ipc.manager, "
                    + "where the counter lives in the server and each increment is a message.")
            .params(INCREMENTS, STRATEGY)
            .refuse(Refusals.IN_ONE_JVM, IN_PROCESS)
            .tasks(new TaskShape.OnePerTask())
            .metrics(STRATEGY_USED, EXPECTED, OBSERVED, LOST_UPDATES, INCREMENTS_PER_SECOND)
            .outcomes(OBSERVED, EXPECTED)
            .factory(p -> new SharedCounterWorkload(p.get(INCREMENTS), Strategy.values()[p.index(STRATEGY)]))
            .derive(LostUpdates.derive(EXPECTED, OBSERVED, LOST_UPDATES))
            // Its tasks need the region the server makes for a run, which the AOT training run has not got.
            .notInWorkerCache()
            .narrator(SharedCounterWorkload::narrate)
            .build();

    /** How often a worker looks for an interrupt: rare enough to cost nothing. */
    private static final int INTERRUPT_CHECK_MASK = 0xFFF;
    /** As sync.counter's start gate: wait a little for a second worker, so the loops overlap. */
    private static final long START_GATE_NANOS = 100_000_000L;

    private final long increments;
    private final Strategy strategy;
    // Set once by the worker before the first chunk (CONFIGURE, then the task thread); read by tasks.
    private volatile SharedRegion region;
    // The worker's own totals; its tasks run one after another on its one task thread.
    private volatile long made;
    private volatile long firstStart = Long.MAX_VALUE;
    private volatile long lastEnd = Long.MIN_VALUE;

    SharedCounterWorkload(long increments, Strategy strategy) {
        this.increments = increments;
        this.strategy = strategy;
    }

    @Override
    public void attach(SharedRegion shared) {
        this.region = shared;
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        SharedRegion shared = region;
        if (shared == null) {
            throw new IllegalStateException("no shared region: ipc.shared runs in worker processes, which the server "
                    + "attaches to the region it made for the run");
        }
        awaitSecondWorker(shared);
        long start = System.nanoTime();
        firstStart = Math.min(firstStart, start);
        try {
            for (long i = 0; i < increments; i++) {
                incrementOnce(shared);
                if ((i & INTERRUPT_CHECK_MASK) == 0 && Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stopped after " + i + " increments");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the OS file lock failed", e);
        }
        lastEnd = Math.max(lastEnd, System.nanoTime());
        made += increments;
        return increments;
    }

    /** Start together, as sync.counter's workers do: a race that never overlaps loses nothing. Bounded. */
    private static void awaitSecondWorker(SharedRegion shared) throws InterruptedException {
        shared.arrive();
        long deadline = System.nanoTime() + START_GATE_NANOS;
        while (shared.arrivals() < 2 && System.nanoTime() < deadline) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped at the start gate");
            }
            Thread.onSpinWait();
        }
    }

    private void incrementOnce(SharedRegion shared) throws IOException {
        switch (strategy) {
            case NONE -> {
                long read = shared.counter();
                shared.setCounter(read + 1);
            }
            case LOCK -> {
                try (FileLock lock = shared.lockCounter()) {
                    shared.setCounter(shared.counter() + 1);
                }
            }
            case ATOMIC -> {
                long read;
                do {
                    read = shared.counter();
                } while (!shared.compareAndSetCounter(read, read + 1));
            }
        }
    }

    /** This worker's part; the server adds the counter's final value ({@link SharedRegion#observed}). */
    @Override
    public Observations observations() {
        long elapsed = lastEnd - firstStart;
        return Observations.builder()
                .put(STRATEGY_USED, strategy.id())
                .put(EXPECTED, made)
                .put(INCREMENTS_PER_SECOND, elapsed > 0 ? Math.round(made * 1e9 / elapsed) : 0)
                .build();
    }

    /** The worker's handle on the region; the server's removes it. */
    @Override
    public void close() {
        SharedRegion shared = region;
        if (shared != null) {
            shared.close();
        }
    }

    /** Lost updates against the increments made, or what kept them all. */
    private static List<String> narrate(ObservedFacts facts) {
        return LostUpdates.narrate(facts, LOST_UPDATES, EXPECTED, STRATEGY_USED, STRATEGY,
                "Processes racing on shared memory lost %s of %s updates (%.2f%%)%s: two workers read the same value "
                        + "from the mapped page and one write overwrote the other, exactly as threads do.",
                strategy -> switch (strategy) {
                    case "lock" -> " because an OS file lock let one process at a time read and write the counter";
                    case "atomic" -> " because each increment was a compare-and-set on the shared page";
                    default -> ", though nothing but luck prevented a race between the processes";
                });
    }
}
