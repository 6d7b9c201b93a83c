package org.concurrencylab.experiment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.concurrencylab.execution.ExecutionModel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bounds on everything a user sends ({@code lab.limits.*}). Many people share one server in a
 * lab, so every number is capped; a request beyond a cap gets a 400 naming it.
 *
 * @param parallelism the most threads or workers per model
 * @param maxTasks tasks per repetition
 * @param maxWarmups warm-up runs per experiment
 * @param maxRepetitions measured runs per experiment
 * @param defaultTimeLimitSeconds the time limit when a spec gives none
 * @param maxTimeLimitSeconds the longest time limit a spec may ask for
 * @param queueCapacity queued experiments before submissions are refused with 429
 * @param retryAfter what a 429 tells the client to wait
 * @param params per param name, an upper bound below the catalog's own (e.g. {@code size})
 * @param maxStages FUTURES: the most chained steps per task
 * @param maxChunkSize PROCESSES: the most tasks per message to a worker
 */
@Validated
@ConfigurationProperties("lab.limits")
public record LimitsProperties(
        @Valid @NotNull @DefaultValue Parallelism parallelism,
        @DefaultValue("100000") @Min(1) int maxTasks,
        @DefaultValue("20") @Min(0) int maxWarmups,
        @DefaultValue("100") @Min(1) int maxRepetitions,
        @DefaultValue("300") @Min(1) int defaultTimeLimitSeconds,
        @DefaultValue("3600") @Min(1) int maxTimeLimitSeconds,
        @DefaultValue("100") @Min(1) int queueCapacity,
        @DefaultValue("30s") @NotNull Duration retryAfter,
        Map<String, Long> params,
        @DefaultValue("100") @Min(0) int maxStages,
        @DefaultValue("1000") @Min(1) int maxChunkSize) {

    public LimitsProperties {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /**
     * The most threads or worker JVMs a spec may ask for, per model. For VIRTUAL_THREADS it caps
     * the concurrency limit a spec may set; no limit at all (0) is always allowed, since the
     * number of tasks is bounded anyway.
     */
    public record Parallelism(
            @DefaultValue("256") @Min(1) int threads,
            @DefaultValue("100000") @Min(1) int virtualThreads,
            @DefaultValue("256") @Min(1) int futures,
            @DefaultValue("256") @Min(1) int forkJoin,
            @DefaultValue("256") @Min(1) int gil,
            @DefaultValue("16") @Min(1) int processes) {

        public int maxFor(ExecutionModel model) {
            return switch (model) {
                case SEQUENTIAL -> 1;
                case THREADS -> threads;
                case VIRTUAL_THREADS -> virtualThreads;
                case FUTURES -> futures;
                case FORK_JOIN -> forkJoin;
                case GIL -> gil;
                case PROCESSES -> processes;
            };
        }
    }
}
