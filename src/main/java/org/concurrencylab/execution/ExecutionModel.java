package org.concurrencylab.execution;

/**
 * The ways the lab can run a workload's tasks. Adding one means one runner class and one case
 * in {@link ModelRunners}; the switches over this enum have no default, so the build breaks
 * until the new model is handled everywhere.
 */
public enum ExecutionModel {
    SEQUENTIAL(
            "One thread runs every task in order: the baseline every speedup is measured against."),
    THREADS(
            "A fixed pool of `parallelism` named platform threads shares the tasks. Helps IO-bound work "
                    + "always and CPU-bound work up to the number of cores; threads share memory, so they "
                    + "are cheap to start and to talk to, but shared state needs synchronization."),
    PROCESSES(
            "`parallelism` worker JVMs, started from the server's own java and classpath, take tasks "
                    + "over stdin/stdout pipes, like Python's multiprocessing.Pool. Each has its own memory and "
                    + "runtime, so CPU-bound work scales with cores, at the price of start-up time, memory and "
                    + "messages between processes (start-up is reported apart from work time).");

    private final String description;

    ExecutionModel(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
