package org.concurrencylab.experiment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ModelOption;

/**
 * What a user submits. Every field but {@code model} and {@code workload} may be left out and
 * gets the documented default; upper bounds come from {@code lab.limits.*}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(description = "An experiment to run: a workload applied with an execution model.")
public record ExperimentSpec(
        @Schema(description = "A label for people; defaults to '<workload> on <model>'.", example = "primes on 2 threads")
        @Size(max = 100, message = "must be at most 100 characters")
        String name,

        @Schema(description = "How the tasks run.", requiredMode = Schema.RequiredMode.REQUIRED, example = "THREADS")
        @NotNull(message = "is required; the models are listed at GET /api/v1/catalog/models")
        ExecutionModel model,

        @Schema(description = "Threads or worker processes. Default: the cores the server sees (1 for SEQUENTIAL; "
                + "for VIRTUAL_THREADS 0, which means no cap on concurrent tasks).", example = "2")
        Integer parallelism,

        @Schema(description = "Independent tasks per repetition. Default 8.", example = "8")
        Integer tasks,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull(message = WORKLOAD_REQUIRED)
        @Valid
        WorkloadSpec workload,

        @Schema(description = "Unmeasured runs first, so the JIT has compiled the kernel. Default 1.", example = "1")
        Integer warmups,

        @Schema(description = "Measured runs. Default 3.", example = "3")
        Integer repetitions,

        @Schema(description = "Also run the workload SEQUENTIAL in this experiment, interleaved with the model's "
                + "runs, and report speedup and efficiency. Default false.", example = "true")
        Boolean baseline,

        @Schema(description = "The whole experiment ends as TIMED_OUT past this. Default 300.", example = "60")
        Integer timeLimitSeconds,

        @Schema(description = "FUTURES only: thenApplyAsync steps chained after each task. Default 0.")
        Integer stages,

        @Schema(description = "FORK_JOIN only: a range of at most this many tasks runs without splitting. Default 1.")
        Integer threshold,

        @Schema(description = "GIL only: how long the lock holder keeps the lock while others wait, in ms. Default 5.")
        Integer switchIntervalMillis,

        @Schema(description = "PROCESSES only: reuse the same worker JVMs for every repetition (a warm pool). Default true.")
        Boolean reuseWorkers,

        @Schema(description = "PROCESSES only: tasks sent to a worker per message. Default 1.")
        Integer chunkSize,

        @Schema(description = "PROCESSES only: replace a worker after this many tasks (0: never). Default 0.")
        Integer maxTasksPerWorker,

        @Schema(description = "PROCESSES only: start workers from the JDK AOT cache when it is ready. Default true.")
        Boolean aotCache,

        @Schema(description = "EVENT_LOOP only: a callback holding the loop at least this many ms counts as slow "
                + "(asyncio's slow_callback_duration). Default 100.")
        Integer slowCallbackMillis) {

    /** What a spec without a workload is told; studies say the same. */
    public static final String WORKLOAD_REQUIRED =
            "is required, e.g. {\"kind\": \"cpu.primes\", \"params\": {\"size\": 20000}}";

    /** A spec with no model-specific options, as most specs are. */
    public ExperimentSpec(String name, ExecutionModel model, Integer parallelism, Integer tasks, WorkloadSpec workload,
            Integer warmups, Integer repetitions, Boolean baseline, Integer timeLimitSeconds) {
        this(name, model, parallelism, tasks, workload, warmups, repetitions, baseline, timeLimitSeconds,
                null, null, null, null, null, null, null, null);
    }

    /**
     * The model options this spec gives, by option name (see {@link ModelOption}); left-out ones are
     * absent. The one place the spec's option fields meet their declarations.
     */
    public Map<String, Object> givenOptions() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put(ModelOption.STAGES.name(), stages);
        given.put(ModelOption.THRESHOLD.name(), threshold);
        given.put(ModelOption.SWITCH_INTERVAL_MILLIS.name(), switchIntervalMillis);
        given.put(ModelOption.SLOW_CALLBACK_MILLIS.name(), slowCallbackMillis);
        given.put(ModelOption.REUSE_WORKERS.name(), reuseWorkers);
        given.put(ModelOption.CHUNK_SIZE.name(), chunkSize);
        given.put(ModelOption.MAX_TASKS_PER_WORKER.name(), maxTasksPerWorker);
        given.put(ModelOption.AOT_CACHE.name(), aotCache);
        given.values().removeIf(Objects::isNull);
        return given;
    }

    /** The workload: a kind from the catalog and its params (each has a default). */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record WorkloadSpec(
            @Schema(description = "A workload kind from GET /api/v1/catalog/workloads.", example = "cpu.primes",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull(message = "is required; the kinds are listed at GET /api/v1/catalog/workloads")
            String kind,

            @Schema(description = "Integer params of the kind; missing ones take their defaults.",
                    example = "{\"size\": 20000}")
            Map<String, Object> params) {}
}
