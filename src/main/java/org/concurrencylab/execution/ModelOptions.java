package org.concurrencylab.execution;

/**
 * The knobs only some models have. Each is validated against its model by the experiment's
 * validator; a model ignores the others.
 *
 * @param stages FUTURES: {@code thenApplyAsync} steps chained after each task (0 = none)
 * @param threshold FORK_JOIN: a range of at most this many tasks is run, not split further
 * @param switchIntervalMillis GIL: how long the holder keeps the lock while others wait, like
 *     CPython's {@code sys.setswitchinterval}
 * @param reuseWorkers PROCESSES: keep the same worker JVMs for every repetition (a warm pool, as
 *     multiprocessing.Pool keeps its workers); on by default, since fresh workers would make every
 *     repetition a cold one and warm-ups would warm nothing
 * @param chunkSize PROCESSES: tasks sent to a worker per message
 * @param maxTasksPerWorker PROCESSES: recycle a worker after this many tasks (0 = never)
 * @param aotCache PROCESSES: start workers from the JDK AOT cache once it is built; false shows
 *     start-up without it, for a side-by-side comparison
 */
public record ModelOptions(int stages, int threshold, int switchIntervalMillis, boolean reuseWorkers, int chunkSize,
        int maxTasksPerWorker, boolean aotCache) {

    public ModelOptions(int stages, int threshold, int switchIntervalMillis, boolean reuseWorkers, int chunkSize,
            int maxTasksPerWorker) {
        this(stages, threshold, switchIntervalMillis, reuseWorkers, chunkSize, maxTasksPerWorker, true);
    }

    public static final int DEFAULT_STAGES = 0;
    public static final int DEFAULT_THRESHOLD = 1;
    public static final int DEFAULT_SWITCH_INTERVAL_MILLIS = 5;
    public static final int DEFAULT_CHUNK_SIZE = 1;

    public static final ModelOptions DEFAULTS = new ModelOptions(
            DEFAULT_STAGES, DEFAULT_THRESHOLD, DEFAULT_SWITCH_INTERVAL_MILLIS, true, DEFAULT_CHUNK_SIZE, 0, true);
}
