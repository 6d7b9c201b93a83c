package org.concurrencylab.core;

/**
 * A spec field that belongs to one model, declared once with its default and bounds. Validation,
 * the served catalog and the response all read these declarations.
 */
public sealed interface ModelOption {

    String name();

    ExecutionModel model();

    String description();

    /**
     * An integer option.
     *
     * @param max the hard upper bound; {@code lab.limits.options.<name>} may lower it
     * @param atMostTasks the bound is also the spec's number of tasks
     */
    record Int(String name, ExecutionModel model, String description, int defaultValue, int min, int max,
            boolean atMostTasks) implements ModelOption {}

    /** A yes/no option. */
    record Bool(String name, ExecutionModel model, String description, boolean defaultValue)
            implements ModelOption {}

    Int STAGES = new Int("stages", ExecutionModel.FUTURES, "thenApplyAsync steps chained after each task, to show "
            + "the cost of async composition", 0, 0, 100, false);
    Int THRESHOLD = new Int("threshold", ExecutionModel.FORK_JOIN, "a range of at most this many tasks runs without "
            + "being split", 1, 1, 100_000, true);
    Int SWITCH_INTERVAL_MILLIS = new Int("switchIntervalMillis", ExecutionModel.GIL, "milliseconds the lock holder "
            + "keeps the lock while another thread waits, like sys.setswitchinterval", 5, 1, 1000, false);
    Int SLOW_CALLBACK_MILLIS = new Int("slowCallbackMillis", ExecutionModel.EVENT_LOOP, "a callback that holds the "
            + "loop at least this many milliseconds counts as slow, like asyncio's slow_callback_duration in debug "
            + "mode", 100, 1, 60_000, false);
    Bool REUSE_WORKERS = new Bool("reuseWorkers", ExecutionModel.PROCESSES, "keep the same worker JVMs for every "
            + "repetition (a warm pool, start-up paid and reported once, so warm-ups warm the workers' JIT too); false "
            + "starts fresh workers for every repetition, each with its own start-up and cold JIT", true);
    Int CHUNK_SIZE = new Int("chunkSize", ExecutionModel.PROCESSES, "tasks sent to a worker per message, like Pool's "
            + "chunksize", 1, 1, 1000, false);
    Int MAX_TASKS_PER_WORKER = new Int("maxTasksPerWorker", ExecutionModel.PROCESSES, "replace a worker after it ran "
            + "this many tasks, like Pool's maxtasksperchild (0: never)", 0, 0, 100_000, true);
    Bool AOT_CACHE = new Bool("aotCache", ExecutionModel.PROCESSES, "start workers from the JDK AOT cache once it is "
            + "built (JDK 24+); false starts them without it, to compare start-up side by side", true);
}
