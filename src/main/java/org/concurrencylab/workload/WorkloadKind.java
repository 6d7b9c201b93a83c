package org.concurrencylab.workload;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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
            Fit.ALL_MODELS);

    private final String id;
    private final String description;
    private final List<ParamSpec> params;
    private final Fit fit;

    WorkloadKind(String id, String description, List<ParamSpec> params, Fit fit) {
        this.id = id;
        this.description = description;
        this.params = params;
        this.fit = fit;
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
        };
    }
}
