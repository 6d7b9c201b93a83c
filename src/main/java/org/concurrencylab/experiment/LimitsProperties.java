package org.concurrencylab.experiment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ModelOption;
import org.concurrencylab.core.Param;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bounds on everything a user sends ({@code lab.limits.*}). Many people share one server in a
 * lab, so every number is capped; a request beyond a cap gets a 400 naming it.
 *
 * @param parallelism per model, the most threads or workers (for VIRTUAL_THREADS, the highest
 *     concurrency cap a spec may set; no cap at all is always allowed, since tasks are bounded);
 *     a model left out keeps its own ceiling ({@link ExecutionModel#maxParallelismCeiling})
 * @param maxTasks tasks per repetition
 * @param maxWarmups warm-up runs per experiment
 * @param maxRepetitions measured runs per experiment
 * @param defaultTimeLimitSeconds the time limit when a spec gives none
 * @param maxTimeLimitSeconds the longest time limit a spec may ask for
 * @param queueCapacity queued experiments before submissions are refused with 429
 * @param retryAfter what a 429 tells the client to wait
 * @param params per param name, an upper bound below the catalog's own (e.g. {@code size})
 * @param options per model option name, an upper bound below the option's own (e.g. {@code stages})
 * @param perUser what one user may hold and send ({@code lab.limits.per-user.*}), so one student
 *     cannot fill a queue the class shares
 */
@Validated
@ConfigurationProperties("lab.limits")
public record LimitsProperties(
        Map<ExecutionModel, @Min(1) Integer> parallelism,
        @DefaultValue("100000") @Min(1) int maxTasks,
        @DefaultValue("20") @Min(0) int maxWarmups,
        @DefaultValue("100") @Min(1) int maxRepetitions,
        @DefaultValue("300") @Min(1) int defaultTimeLimitSeconds,
        @DefaultValue("3600") @Min(1) int maxTimeLimitSeconds,
        @DefaultValue("100") @Min(1) int queueCapacity,
        @DefaultValue("30s") @NotNull Duration retryAfter,
        Map<String, Long> params,
        Map<String, Integer> options,
        @DefaultValue @Valid PerUser perUser) {

    /**
     * @param queued experiments one user may have QUEUED or RUNNING at once (a study counts its
     *     cells); past it a submit is refused with 429
     * @param submitsPerMinute submits (experiments and studies) one user may make per minute, on
     *     all nodes together; past it 429 with the RateLimit headers
     */
    public record PerUser(
            @DefaultValue("10") @Min(1) int queued,
            @DefaultValue("60") @Min(1) int submitsPerMinute) {
    }

    public LimitsProperties {
        parallelism = parallelism == null ? Map.of() : Map.copyOf(parallelism);
        params = normalized(params);
        options = normalized(options);
    }

    /**
     * Keys as {@link #key} makes them: a map's keys keep the form they were written in, so that
     * {@code chunk-size}, {@code chunkSize} and {@code CHUNK_SIZE} all name the option {@code chunkSize}.
     */
    private static <V> Map<String, V> normalized(Map<String, V> given) {
        Map<String, V> keyed = new java.util.HashMap<>();
        if (given != null) {
            given.forEach((name, value) -> keyed.put(key(name), value));
        }
        return Map.copyOf(keyed);
    }

    private static String key(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** The most threads or worker JVMs a spec may ask for on {@code model}: configured, never above its ceiling. */
    public int maxParallelism(ExecutionModel model) {
        return Math.min(model.maxParallelismCeiling(), parallelism.getOrDefault(model, model.maxParallelismCeiling()));
    }

    /** A param's upper bound: the configured one, never above the declared maximum. */
    public long maxParam(Param param) {
        return Math.min(param.maxRaw(), params.getOrDefault(key(param.name()), param.maxRaw()));
    }

    /** An integer option's upper bound for a spec of {@code tasks} tasks. */
    public int maxOption(ModelOption.Int option, int tasks) {
        int max = Math.min(option.max(), options.getOrDefault(key(option.name()), option.max()));
        return option.atMostTasks() ? Math.min(max, Math.max(1, tasks)) : max;
    }
}
