package org.concurrencylab.support;

import org.concurrencylab.core.ModelOption;
import org.concurrencylab.core.ModelOptions;

/** Model options as tests name them in one line: every model's knobs, in declaration order. */
public final class TestOptions {

    private TestOptions() {}

    public static ModelOptions of(int stages, int threshold, int switchIntervalMillis, boolean reuseWorkers,
            int chunkSize, int maxTasksPerWorker) {
        return ModelOptions.DEFAULTS
                .with(ModelOption.STAGES, stages)
                .with(ModelOption.THRESHOLD, threshold)
                .with(ModelOption.SWITCH_INTERVAL_MILLIS, switchIntervalMillis)
                .with(ModelOption.REUSE_WORKERS, reuseWorkers)
                .with(ModelOption.CHUNK_SIZE, chunkSize)
                .with(ModelOption.MAX_TASKS_PER_WORKER, maxTasksPerWorker);
    }
}
