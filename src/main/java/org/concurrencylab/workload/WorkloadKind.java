package org.concurrencylab.workload;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.ToIntFunction;

/**
 * The catalog. Each kind declares its params once; validation, the served catalog and the
 * worker JVM all read these declarations, so they can never disagree.
 */
public enum WorkloadKind {
    CPU_PRIMES(
            "cpu.primes",
            "CPU-bound: task i counts the primes in [i*size, (i+1)*size) by trial division. "
                    + "Shows that parallel threads or processes speed up pure computation only when "
                    + "the runtime lets them execute at once.",
            List.of(new ParamSpec("size", "numbers examined per task", "numbers", 20_000, 1, 10_000_000)),
            Fit.ALL_MODELS),
    IO_SLEEP(
            "io.sleep",
            "IO-bound: each task waits millis milliseconds, like a call to a slow service. Shows that "
                    + "threads overlap waiting even when they cannot compute in parallel.",
            List.of(
                    new ParamSpec("millis", "how long each task waits", "milliseconds", 50, 0, 60_000),
                    new ParamSpec("holdMonitor", "1: wait inside a synchronized block, which pins a virtual thread's "
                            + "carrier on JDK 21 to 23 (see the pinnedEvents observation); 0: a plain wait", "", 0, 0, 1)),
            Fit.ALL_MODELS),
    CPU_HASH(
            "cpu.hash",
            "CPU-bound: task i hashes its index with SHA-256, then hashes the digest again, rounds times in all. "
                    + "Every round needs the one before, so only running tasks at once (threads on several cores, "
                    + "or processes) makes it faster; under a GIL it does not.",
            List.of(new ParamSpec("rounds", "SHA-256 rounds chained per task (about 80 ns each)", "rounds",
                    50_000, 1, 50_000_000)),
            Fit.ALL_MODELS),
    CPU_MATMUL(
            "cpu.matmul",
            "CPU-bound and memory-hungry: each task multiplies two seeded n x n matrices (2n^3 operations on "
                    + "3n^2 doubles). Small n stays in each core's cache and scales with cores; large n also "
                    + "competes for memory bandwidth, which parallel tasks share.",
            List.of(new ParamSpec("n", "rows and columns of each matrix", "rows", 96, 1, 400)),
            Fit.ALL_MODELS),
    CPU_MONTECARLO(
            "cpu.montecarlo",
            "CPU-bound: each task estimates pi from random points with its own generator seeded by the task "
                    + "index, so the result is exact and identical on every model (a shared generator would "
                    + "make threads wait for each other and the result depend on scheduling). Reports piEstimate.",
            List.of(new ParamSpec("samples", "random points thrown per task", "samples", 1_000_000, 1, 100_000_000)),
            Fit.ALL_MODELS),
    IO_FILE(
            "io.file",
            "IO-bound: each task writes bytes to its own file, forces it to disk (fsync), reads it back and "
                    + "checks it, in a temp directory removed when the run ends. The thread waits for the disk, "
                    + "not the CPU, so threads overlap the waits, until the disk itself is the limit. Reports "
                    + "bytesWritten and filesSynced.",
            List.of(new ParamSpec("bytes", "bytes written, synced and read back per task", "bytes", 65_536, 1,
                    16 * 1024 * 1024)),
            Fit.ALL_MODELS),
    IO_HTTP(
            "io.http",
            "IO-bound: each task sends requests GETs, one after another, to an HTTP server the lab starts on "
                    + "127.0.0.1 that waits delayMillis before answering, like a slow remote service (no other "
                    + "host is ever called). Threads overlap the waits even under a GIL; virtual threads overlap "
                    + "thousands. Reports requestsSent and peakConcurrentRequests.",
            List.of(
                    new ParamSpec("requests", "GET requests each task sends, one after another", "requests", 5, 1,
                            1_000),
                    new ParamSpec("delayMillis", "how long the loopback server waits before each answer",
                            "milliseconds", 20, 0, 10_000)),
            Fit.ALL_MODELS),
    MIXED(
            "mixed",
            "Part CPU-bound, part IO-bound: each task computes for about cpuMillis (a fixed amount of work, "
                    + "calibrated to 1 ms per unit on one 2026 x86 core), then waits ioMillis. Change the ratio to "
                    + "see where each model stops scaling: threads overlap the waiting, only cores or processes "
                    + "overlap the computing.",
            List.of(
                    new ParamSpec("cpuMillis", "computing per task, in units of about 1 ms of one core", "milliseconds",
                            5, 0, 1_000),
                    new ParamSpec("ioMillis", "waiting per task, after the computing", "milliseconds", 5, 0, 60_000)),
            Fit.ALL_MODELS),
    SYNC_COUNTER(
            "sync.counter",
            "Shared data is non-deterministic: every task is a worker adding 1 to one shared counter increments "
                    + "times. With strategy none the read-modify-write races and updates are lost (lostUpdates = "
                    + "expected - observed); synchronized, lock, reentrant (an RLock taken twice), semaphore, atomic "
                    + "and adder each make it exact, at the cost shown in incrementsPerSecond. Under GIL, none loses "
                    + "updates only when the lock switches threads between the read and the write.",
            List.of(
                    new ParamSpec("increments", "increments per worker", "increments", 1_000_000, 1, 50_000_000),
                    ParamSpec.choice("strategy", "how the counter is protected", "none",
                            CounterWorkload.Strategy.ids())),
            Fit.SHARED_MEMORY,
            new Workers.OnePerTask()),
    SYNC_QUEUE(
            "sync.queue",
            "Queue: producers put items numbered 0..items-1 into a bounded ArrayBlockingQueue of capacity and "
                    + "consumers take them, so no item is lost or taken twice without a lock in user code (lost and "
                    + "duplicated stay 0). A full queue blocks producers (producerBlockedMillis): back-pressure.",
            List.of(
                    new ParamSpec("producers", "producer workers", "workers", 2, 1, 8),
                    new ParamSpec("consumers", "consumer workers", "workers", 2, 1, 8),
                    new ParamSpec("capacity", "most items the queue holds", "items", 16, 1, 100_000),
                    new ParamSpec("items", "items produced in all", "items", 100_000, 1, 2_000_000)),
            Fit.SHARED_MEMORY_TOGETHER,
            new Workers.Fixed("producers + consumers", p -> Math.toIntExact(p.get("producers") + p.get("consumers")))),
    SYNC_SEMAPHORE(
            "sync.semaphore",
            "Semaphore: every task is a worker that uses a resource uses times, holding it holdMillis each time; "
                    + "a Semaphore of permits lets at most that many in at once. peakHolders never exceeds permits; "
                    + "the others wait (waitMillisTotal), as a connection pool makes callers wait.",
            List.of(
                    new ParamSpec("permits", "workers allowed to hold the resource at once", "permits", 2, 1, 64),
                    new ParamSpec("uses", "times each worker uses the resource", "uses", 20, 1, 10_000),
                    new ParamSpec("holdMillis", "how long each use holds the resource", "milliseconds", 5, 0, 1_000)),
            Fit.SHARED_MEMORY,
            new Workers.OnePerTask()),
    SYNC_EVENT(
            "sync.event",
            "Event: waiters block until one setter task sets an event (a CountDownLatch of 1) delayMillis after "
                    + "all of them wait; each waiter's wake-up latency from set to running is reported "
                    + "(wakeupMicrosP50, wakeupMicrosMax). One signal releases every waiter at once.",
            List.of(
                    new ParamSpec("waiters", "workers waiting for the event", "workers", 4, 1, 64),
                    new ParamSpec("delayMillis", "how long the setter waits after every waiter is ready", "milliseconds",
                            20, 0, 10_000)),
            Fit.SHARED_MEMORY_TOGETHER,
            new Workers.Fixed("waiters + 1 setter", p -> Math.toIntExact(p.get("waiters") + 1))),
    SYNC_CONDITION(
            "sync.condition",
            "Condition: a producer and a consumer share a small hand-made ring buffer of capacity, guarded by a "
                    + "ReentrantLock with notFull and notEmpty conditions; each waits in a while loop until its "
                    + "condition holds (wake-ups that found it still false are counted as spuriousWakeups). No item is "
                    + "lost or duplicated. This is what a Queue does inside.",
            List.of(
                    new ParamSpec("items", "items passed from producer to consumer", "items", 100_000, 1, 2_000_000),
                    new ParamSpec("capacity", "slots in the buffer", "items", 8, 1, 100_000)),
            Fit.SHARED_MEMORY_TOGETHER,
            new Workers.Fixed("1 producer + 1 consumer", p -> 2)),
    SYNC_DEADLOCK(
            "sync.deadlock",
            "Deadlock: two workers each take two locks. With order opposite, each holds the lock the other "
                    + "wants and both wait forever; the lab finds the cycle with ThreadMXBean.findDeadlockedThreads, "
                    + "reports the threads and locks (outcome DEADLOCKED), and breaks it by interrupting the workers "
                    + "waiting in lockInterruptibly, so the run still ends cleanly. With order consistent the cycle "
                    + "cannot form (outcome COMPLETED): the classic fix.",
            List.of(
                    ParamSpec.choice("order", "the order in which the two workers take the two locks", "opposite",
                            "opposite", "consistent"),
                    new ParamSpec("holdMillis", "how long each worker holds its first lock before taking the second",
                            "milliseconds", 10, 0, 1_000)),
            Fit.DEADLOCK,
            new Workers.Fixed("2 workers", p -> 2)),
    SCHED_TIMER(
            "sched.timer",
            "sched: one ScheduledExecutorService thread ticks every periodMillis, ticks times, at a fixedRate "
                    + "(each tick due at start + k * period, so lateness does not accumulate) or with a fixedDelay "
                    + "(each tick due period after the previous one, so lateness adds up as driftMicros). Reports "
                    + "tick jitter against each mode's own schedule (p50/p99/max). One task runs the timer.",
            List.of(
                    new ParamSpec("periodMillis", "time between ticks", "milliseconds", 10, 1, 10_000),
                    new ParamSpec("ticks", "ticks to run", "ticks", 100, 1, 10_000),
                    ParamSpec.choice("mode", "fixedRate: scheduleAtFixedRate; fixedDelay: scheduleWithFixedDelay",
                            "fixedRate", "fixedRate", "fixedDelay")),
            Fit.IN_PROCESS,
            new Workers.Fixed("1 timer", p -> 1)),
    IPC_PIPE(
            "ipc.pipe",
            "Processes share no memory, so they must message each other: the server sends messages of "
                    + "payloadBytes to a worker JVM over its stdin pipe, one at a time, and the worker echoes each back "
                    + "over stdout. One task is one worker's stream of messages; tasks default to the parallelism, one "
                    + "stream per worker, all at once. Reports messagesPerSecond and bytesPerSecond (payload bytes "
                    + "sent, over the run's wall time), the round trip of one message (roundTripMicrosP50/P99), and "
                    + "messages (echoed back intact, checked byte by byte: also the checksum). Compare with "
                    + "sync.queue, which hands items between threads in one JVM's memory. At most 256 MiB of payload "
                    + "per run (messages x payloadBytes x tasks).",
            List.of(
                    new ParamSpec("messages", "messages each task sends and gets back", "messages", 10_000, 1,
                            1_000_000),
                    new ParamSpec("payloadBytes", "bytes in each message", "bytes", 64, 1, 1 << 20)),
            Fit.PIPE,
            new Workers.OnePerTask());

    private final String id;
    private final String description;
    private final List<ParamSpec> params;
    private final Fit fit;
    private final Workers workers;

    WorkloadKind(String id, String description, List<ParamSpec> params, Fit fit) {
        this(id, description, params, fit, new Workers.Independent());
    }

    WorkloadKind(String id, String description, List<ParamSpec> params, Fit fit, Workers workers) {
        this.id = id;
        this.description = description;
        this.params = params;
        this.fit = fit;
        this.workers = workers;
    }

    /**
     * How a kind's tasks relate to each other, which decides how many tasks a spec may ask for and
     * on how many threads.
     */
    public sealed interface Workers {

        /** Tasks that share nothing: any number, in any order, on any number of threads. */
        record Independent() implements Workers {}

        /**
         * Every task is one worker of a lab whose workers share state but never wait for each other to
         * make progress, so any number runs on any pool; the number of tasks defaults to the parallelism.
         */
        record OnePerTask() implements Workers {}

        /**
         * A cast of workers set by the params, who wait for each other: tasks must be exactly that many,
         * and every one must run at once, since on a smaller pool the last ones would never start and the
         * first would wait for them forever.
         *
         * @param who the cast in words, such as "producers + consumers"
         */
        record Fixed(String who, ToIntFunction<WorkloadParams> count) implements Workers {}
    }

    public Workers workers() {
        return workers;
    }

    /** The number of tasks a fixed-cast lab needs with these params; empty when the spec chooses. */
    public OptionalInt workersFor(WorkloadParams values) {
        return switch (workers) {
            case Workers.Fixed fixed -> OptionalInt.of(fixed.count().applyAsInt(values));
            case Workers.Independent independent -> OptionalInt.empty();
            case Workers.OnePerTask onePerTask -> OptionalInt.empty();
        };
    }

    /**
     * Which execution models a workload makes sense on, by model name (this package knows no
     * models, so a test checks the names), and why the others are refused.
     *
     * @param models the names of the models it fits
     * @param refusal the reason given to a user who asks for another model
     */
    public record Fit(List<String> models, String refusal) {

        static final Fit ALL_MODELS = new Fit(List.of("SEQUENTIAL", "THREADS", "VIRTUAL_THREADS", "FUTURES",
                "FORK_JOIN", "GIL", "PROCESSES"), "");

        private static final String NO_SHARED_MEMORY = "PROCESSES shares no memory between workers: %s cannot exist "
                + "across JVMs; use ipc.pipe to see what processes must do instead (message each other)";

        static final Fit SHARED_MEMORY = new Fit(List.of("SEQUENTIAL", "THREADS", "VIRTUAL_THREADS", "FUTURES",
                "FORK_JOIN", "GIL"), NO_SHARED_MEMORY.formatted("a shared in-memory counter or semaphore"));

        static final Fit SHARED_MEMORY_TOGETHER = new Fit(List.of("THREADS", "VIRTUAL_THREADS", "FUTURES", "FORK_JOIN",
                "GIL"), NO_SHARED_MEMORY.formatted("a queue, event or condition in one JVM's memory")
                + "; SEQUENTIAL runs one worker at a time, while these workers wait on each other and must all run at "
                + "once");

        static final Fit DEADLOCK = new Fit(List.of("THREADS", "FUTURES", "FORK_JOIN", "GIL"),
                NO_SHARED_MEMORY.formatted("a pair of locks in one JVM's memory")
                + "; SEQUENTIAL runs one worker at a time, so the two never hold a lock each at once; and "
                + "VIRTUAL_THREADS are invisible to ThreadMXBean.findDeadlockedThreads, the JDK's deadlock detector "
                + "this lab uses");

        static final Fit IN_PROCESS = new Fit(List.of("SEQUENTIAL", "THREADS", "VIRTUAL_THREADS", "FUTURES",
                "FORK_JOIN", "GIL"), "a worker JVM sends back times and checksums, not a workload's observations, so "
                + "the tick jitter measured there could not be reported");

        static final Fit PIPE = new Fit(List.of("PROCESSES"), "ipc.pipe measures messages between processes; "
                + "threads in one JVM share memory and pass data by reference, with no pipe to measure. To see "
                + "threads hand items to each other, use sync.queue");

        public boolean fits(String model) {
            return models.contains(model);
        }
    }

    public Fit fit() {
        return fit;
    }

    /** The name users write in a spec, such as {@code cpu.primes}. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public List<ParamSpec> params() {
        return params;
    }

    public Optional<ParamSpec> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public static Optional<WorkloadKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(WorkloadKind::id).toList();
    }

    /**
     * The names of the observations this workload adds to each run (models add their own). A test
     * runs every kind and checks these are exactly the names it reports, so the catalog stays true.
     */
    public List<String> observationNames() {
        return switch (this) {
            case CPU_PRIMES, IO_SLEEP, CPU_HASH, CPU_MATMUL, MIXED -> List.of();
            case CPU_MONTECARLO -> List.of("piEstimate", "hits", "samples");
            case IO_FILE -> List.of("bytesWritten", "filesSynced");
            case IO_HTTP -> List.of("requestsSent", "peakConcurrentRequests");
            case SYNC_COUNTER -> List.of("strategy", "expected", "observed", "lostUpdates", "incrementsPerSecond");
            case SYNC_QUEUE -> List.of("produced", "consumed", "lost", "duplicated", "itemsPerSecond",
                    "producerBlockedMillis", "peakDepth", "capacity");
            case SYNC_SEMAPHORE -> List.of("permits", "peakHolders", "acquisitions", "waitMillisTotal", "waitMillisMean");
            case SYNC_EVENT -> List.of("waiters", "wokenWaiters", "wakeupMicrosP50", "wakeupMicrosMax");
            case SYNC_CONDITION -> List.of("produced", "consumed", "lost", "duplicated", "producerWaits", "consumerWaits",
                    "spuriousWakeups", "capacity");
            case SYNC_DEADLOCK -> List.of("order", "outcome", "completedWorkers", "gaveUpWorkers", "deadlockedThreads",
                    "locks", "victim", "detectedAfterMillis");
            case SCHED_TIMER -> List.of("mode", "ticks", "jitterMicrosP50", "jitterMicrosP99", "jitterMicrosMax",
                    "driftMicros");
            case IPC_PIPE -> List.of("messagesPerSecond", "bytesPerSecond", "roundTripMicrosP50", "roundTripMicrosP99",
                    "payloadBytes", "messages");
        };
    }

    /** Builds the workload from params that were already validated and completed with defaults. */
    public Workload create(WorkloadParams values) {
        return switch (this) {
            case CPU_PRIMES -> new PrimesWorkload(values.get("size"));
            case IO_SLEEP -> new SleepWorkload(values.get("millis"), values.get("holdMonitor") == 1);
            case CPU_HASH -> new HashWorkload(values.get("rounds"));
            case CPU_MATMUL -> new MatmulWorkload(values.get("n"));
            case CPU_MONTECARLO -> new MonteCarloWorkload(values.get("samples"));
            case IO_FILE -> new FileWorkload(values.get("bytes"));
            case IO_HTTP -> new HttpWorkload(values.get("requests"), values.get("delayMillis"));
            case MIXED -> new MixedWorkload(values.get("cpuMillis"), values.get("ioMillis"));
            case SYNC_COUNTER -> new CounterWorkload(values.get("increments"),
                    CounterWorkload.Strategy.values()[(int) values.get("strategy")]);
            case SYNC_QUEUE -> new QueueWorkload((int) values.get("producers"), (int) values.get("consumers"),
                    (int) values.get("capacity"), (int) values.get("items"));
            case SYNC_SEMAPHORE -> new SemaphoreWorkload((int) values.get("permits"), values.get("uses"),
                    values.get("holdMillis"));
            case SYNC_EVENT -> new EventWorkload((int) values.get("waiters"), values.get("delayMillis"));
            case SYNC_CONDITION -> new ConditionWorkload((int) values.get("items"), (int) values.get("capacity"));
            case SYNC_DEADLOCK -> new DeadlockWorkload(values.get("order") == 1, values.get("holdMillis"));
            case SCHED_TIMER -> new TimerWorkload(values.get("periodMillis"), (int) values.get("ticks"),
                    values.get("mode") == 1);
            case IPC_PIPE -> new PipeWorkload();
        };
    }

    /** A rule between params that their bounds alone cannot state, broken by {@code param}. */
    public record ParamProblem(String param, String message) {}

    /**
     * Checks the rules between a kind's params and the number of tasks, once each param is within
     * its bounds: ipc.pipe moves at most 256 MiB of payload in a run.
     */
    public Optional<ParamProblem> checkParams(WorkloadParams values, int tasks) {
        if (this != IPC_PIPE) {
            return Optional.empty();
        }
        long messages = values.get("messages");
        long payloadBytes = values.get("payloadBytes");
        // In double: a long could overflow with many tasks; the bound is far below where doubles lose precision.
        double bytes = (double) messages * payloadBytes * tasks;
        if (bytes <= PipeWorkload.MAX_BYTES_PER_RUN) {
            return Optional.empty();
        }
        return Optional.of(new ParamProblem("messages", "messages x payloadBytes x tasks must be at most "
                + PipeWorkload.MAX_BYTES_PER_RUN + " bytes (256 MiB) per run, was " + messages + " x " + payloadBytes
                + " x " + tasks + " = " + String.format("%.0f", bytes) + "; at most " + Math.max(1, PipeWorkload.MAX_BYTES_PER_RUN
                / (payloadBytes * tasks)) + " messages fit"));
    }

    /**
     * Combines the observations of the workloads of several worker JVMs, each of which ran some of
     * a run's tasks, into what one workload running every task would have reported. The default
     * adds numbers (counters: bytes written, requests sent) and keeps a string or boolean every
     * worker agrees on (differing strings are joined, differing booleans give false); a kind whose
     * values do not simply add says how they combine: a peak is the largest, and a derived value
     * (piEstimate) is recomputed from the parts that add (hits, samples).
     */
    public Map<String, Object> combineObservations(List<Map<String, Object>> perWorker) {
        Map<String, Object> combined = new LinkedHashMap<>();
        for (Map<String, Object> observations : perWorker) {
            observations.forEach((name, value) -> combined.merge(name, value, (a, b) -> combine(name, a, b)));
        }
        if (this == CPU_MONTECARLO && !combined.isEmpty()) {
            return MonteCarloWorkload.observations(
                    ((Number) combined.getOrDefault("hits", 0L)).longValue(),
                    ((Number) combined.getOrDefault("samples", 0L)).longValue());
        }
        return combined;
    }

    private Object combine(String name, Object a, Object b) {
        if (this == IO_HTTP && name.equals("peakConcurrentRequests")) {
            return Math.max(((Number) a).longValue(), ((Number) b).longValue());
        }
        return switch (a) {
            case Double x when b instanceof Number y -> x + y.doubleValue();
            case Float x when b instanceof Number y -> x + y.doubleValue();
            case Number x when b instanceof Double || b instanceof Float -> x.doubleValue() + ((Number) b).doubleValue();
            case Number x when b instanceof Number y -> x.longValue() + y.longValue();
            case Boolean x when b instanceof Boolean y -> x && y;
            default -> a.equals(b) ? a : a + ", " + b;
        };
    }
}
