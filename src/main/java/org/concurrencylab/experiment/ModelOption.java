package org.concurrencylab.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.concurrencylab.execution.ExecutionModel;
import org.concurrencylab.execution.ModelOptions;

/**
 * The spec fields that belong to one model. Validation and the served catalog both read these
 * declarations, so what the catalog lists is exactly what the API accepts.
 */
public enum ModelOption {
    STAGES("stages", ExecutionModel.FUTURES, "thenApplyAsync steps chained after each task, to show the cost of "
            + "async composition", ModelOptions.DEFAULT_STAGES, 0, LimitsProperties::maxStages, ExperimentSpec::stages),
    THRESHOLD("threshold", ExecutionModel.FORK_JOIN, "a range of at most this many tasks runs without being split",
            ModelOptions.DEFAULT_THRESHOLD, 1, LimitsProperties::maxTasks, ExperimentSpec::threshold),
    SWITCH_INTERVAL_MILLIS("switchIntervalMillis", ExecutionModel.GIL, "milliseconds the lock holder keeps the lock "
            + "while another thread waits, like sys.setswitchinterval", ModelOptions.DEFAULT_SWITCH_INTERVAL_MILLIS, 1,
            limits -> 1000, ExperimentSpec::switchIntervalMillis),
    REUSE_WORKERS("reuseWorkers", ExecutionModel.PROCESSES, "keep the same worker JVMs for every repetition (a warm "
            + "pool, start-up paid and reported once, so warm-ups warm the workers' JIT too); false starts fresh "
            + "workers for every repetition, each with its own start-up and cold JIT", 1, 0, limits -> 1,
            ExperimentSpec::reuseWorkers),
    CHUNK_SIZE("chunkSize", ExecutionModel.PROCESSES, "tasks sent to a worker per message, like Pool's chunksize",
            ModelOptions.DEFAULT_CHUNK_SIZE, 1, LimitsProperties::maxChunkSize, ExperimentSpec::chunkSize),
    MAX_TASKS_PER_WORKER("maxTasksPerWorker", ExecutionModel.PROCESSES, "replace a worker after it ran this many "
            + "tasks, like Pool's maxtasksperchild (0: never)", 0, 0, LimitsProperties::maxTasks,
            ExperimentSpec::maxTasksPerWorker),
    AOT_CACHE("aotCache", ExecutionModel.PROCESSES, "start workers from the JDK AOT cache once it is built (JDK 24+); "
            + "false starts them without it, to compare start-up side by side", 1, 0, limits -> 1,
            ExperimentSpec::aotCache);

    private final String field;
    private final ExecutionModel model;
    private final String description;
    private final int defaultValue;
    private final int min;
    private final ToIntFunction<LimitsProperties> max;
    private final Function<ExperimentSpec, Object> read;

    ModelOption(String field, ExecutionModel model, String description, int defaultValue, int min,
            ToIntFunction<LimitsProperties> max, Function<ExperimentSpec, Object> read) {
        this.field = field;
        this.model = model;
        this.description = description;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.read = read;
    }

    public String field() {
        return field;
    }

    public ExecutionModel model() {
        return model;
    }

    public String description() {
        return description;
    }

    public boolean isBoolean() {
        return this == REUSE_WORKERS || this == AOT_CACHE;
    }

    public int defaultValue() {
        return defaultValue;
    }

    public int min() {
        return min;
    }

    public int max(LimitsProperties limits) {
        return max.applyAsInt(limits);
    }

    Object valueIn(ExperimentSpec spec) {
        return read.apply(spec);
    }

    public static List<ModelOption> of(ExecutionModel model) {
        return Arrays.stream(values()).filter(o -> o.model == model).toList();
    }
}
