package org.concurrencylab.execution;

/**
 * The ways the lab can run a workload's tasks. Adding one means one runner class and one case
 * in {@link ModelRunners}; the switches over this enum have no default, so the build breaks
 * until the new model is handled everywhere.
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
}
