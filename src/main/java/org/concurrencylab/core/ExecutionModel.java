package org.concurrencylab.core;

import java.util.List;

/**
 * The ways the lab can run a workload's tasks. Adding one means one runner class and one line
 * here; the switches over this enum have no default (its options below, which workloads fit it in
 * {@link Fit}, its runner, how the interpreter names its workers), so the build breaks until the new
 * model is handled everywhere.
 */
public enum ExecutionModel {
    SEQUENTIAL(
            "One thread runs every task in order. It is the baseline every speedup is measured against: "
                    + "no overlap, no parallelism, no coordination cost."),
    THREADS(
            "A fixed pool of `parallelism` named platform threads shares the tasks (Python's threading, "
                    + "without the GIL). Helps IO-bound work always and CPU-bound work up to the number of cores. "
                    + "Threads share memory, so they are cheap to start and to pass data between, but shared state "
                    + "needs synchronization."),
    VIRTUAL_THREADS(
            "A virtual thread per task, scheduled by the JDK on a few carrier threads; `parallelism` caps how "
                    + "many tasks run at once (0 or omitted: no cap). Blocking a virtual thread frees its carrier, so "
                    + "thousands of IO-bound tasks overlap for almost nothing, like an event loop without callbacks. "
                    + "CPU-bound work still scales only with cores. Reports threads started, peak concurrency and "
                    + "carrier pinning (jdk.VirtualThreadPinned events)."),
    FUTURES(
            "Each task is a CompletableFuture.supplyAsync stage on a pool of `parallelism` threads, all joined with "
                    + "allOf, like Python's concurrent.futures. `stages` chains that many thenApplyAsync steps after "
                    + "each task, so the cost of async composition shows in the wall time."),
    FORK_JOIN(
            "A ForkJoinPool of `parallelism` workers splits the task range in halves until a range holds at most "
                    + "`threshold` tasks; idle workers steal halves from busy ones. Decomposition alone creates no "
                    + "parallelism: the scheduling (stealing) does, as the lecture quotes Rob Pike. Reports steals."),
    GIL(
            "`parallelism` platform threads that must hold one global lock to run workload code, as CPython's "
                    + "Global Interpreter Lock: the holder gives it up every `switchIntervalMillis` (default 5, like "
                    + "sys.setswitchinterval) when another thread waits, and around blocking IO. CPU-bound work gets "
                    + "no speedup, IO-bound work does: the lecture's reason Python threads suit waiting, not computing. "
                    + "Reports lock hand-offs and time spent waiting for the lock."),
    EVENT_LOOP(
            "One thread runs every task cooperatively, as Python's asyncio: an IO wait (io.sleep, io.http's "
                    + "requests, mixed's waiting) hands the thread back to the loop, which runs other tasks and resumes "
                    + "the waiter when its time or reply comes; CPU work runs to completion and holds the loop. "
                    + "`parallelism` is always 1. Thousands of waits overlap on one thread, CPU-bound work gets no "
                    + "speedup, and one blocking call (io.sleep with blocking 1) stalls every other task. Reports loop "
                    + "lag (how late callbacks ran against when they were due), slow callbacks (at least "
                    + "`slowCallbackMillis`, as asyncio's debug mode warns) and the most tasks pending at once. "
                    + "Workloads that block without a cooperative form (the labs, file IO) are refused."),
    PROCESSES(
            "`parallelism` worker JVMs, started from the server's own java and classpath, take tasks over "
                    + "stdin/stdout pipes, like Python's multiprocessing.Pool. Each has its own memory and runtime, so "
                    + "CPU-bound work scales with cores, at the price of start-up time (reported apart from work), "
                    + "memory, and messages between processes. `reuseWorkers` keeps a warm pool across repetitions; "
                    + "`chunkSize` and `maxTasksPerWorker` are Pool's chunksize and maxtasksperchild.");

    private final String description;

    ExecutionModel(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The options only this model reads, each with its default and bounds. */
    public List<ModelOption> options() {
        return switch (this) {
            case SEQUENTIAL, THREADS, VIRTUAL_THREADS -> List.of();
            case FUTURES -> List.of(ModelOption.STAGES);
            case FORK_JOIN -> List.of(ModelOption.THRESHOLD);
            case GIL -> List.of(ModelOption.SWITCH_INTERVAL_MILLIS);
            case EVENT_LOOP -> List.of(ModelOption.SLOW_CALLBACK_MILLIS);
            case PROCESSES -> List.of(ModelOption.REUSE_WORKERS, ModelOption.CHUNK_SIZE,
                    ModelOption.MAX_TASKS_PER_WORKER, ModelOption.AOT_CACHE);
        };
    }

    /**
     * The least parallelism a spec may ask for: VIRTUAL_THREADS alone may run without a cap (0);
     * every other model needs at least one thread.
     */
    public int minParallelism() {
        return this == VIRTUAL_THREADS ? 0 : 1;
    }

    /** The most parallelism any configuration may allow: SEQUENTIAL and EVENT_LOOP run on one thread. */
    public int maxParallelismCeiling() {
        return switch (this) {
            case SEQUENTIAL, EVENT_LOOP -> 1;
            case THREADS, FUTURES, FORK_JOIN, GIL -> 256;
            case VIRTUAL_THREADS -> 100_000;
            case PROCESSES -> 16;
        };
    }

    /** What parallelism counts for this model, in words for the catalog. */
    public String parallelismMeaning() {
        return switch (this) {
            case SEQUENTIAL -> "always 1";
            case EVENT_LOOP -> "always 1: one thread runs every task, taking turns at each wait";
            case VIRTUAL_THREADS -> "most tasks running at once; 0 for no cap";
            case THREADS, FUTURES, FORK_JOIN, GIL -> "threads in the pool; default: the cores the server sees";
            case PROCESSES -> "worker JVMs; default: the cores the server sees";
        };
    }

    /** What runs the tasks, as the interpretation names one of them. */
    public String workerNoun() {
        return switch (this) {
            case PROCESSES -> "worker process";
            case VIRTUAL_THREADS -> "virtual thread";
            case FORK_JOIN -> "fork/join worker";
            case EVENT_LOOP -> "event loop";
            case SEQUENTIAL, THREADS, FUTURES, GIL -> "thread";
        };
    }
}
