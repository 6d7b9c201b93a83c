package org.concurrencylab.study;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.ExperimentSpec;

/**
 * What a user submits for a study: one workload over every (model, parallelism) pair, and over
 * every combination of swept param values when there is a {@code sweep}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(description = "A scaling study: one experiment per model, parallelism value (and swept param value), each "
        + "with its own baseline. SEQUENTIAL runs once, at parallelism 1, whatever the parallelism list.",
        example = """
                {"name": "primes scaling", "workload": {"kind": "cpu.primes", "params": {"size": 20000}},
                 "models": ["SEQUENTIAL", "THREADS", "GIL"], "parallelism": [1, 2, 3, 4], "tasks": 8,
                 "warmups": 1, "repetitions": 3}""")
public record StudySpec(
        @Schema(description = "A label for people; defaults to '<workload> study'.", example = "primes scaling")
        @Size(max = 100, message = "must be at most 100 characters")
        String name,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull(message = "is required, e.g. {\"kind\": \"cpu.primes\", \"params\": {\"size\": 20000}}")
        @Valid
        ExperimentSpec.WorkloadSpec workload,

        @Schema(description = "Execution models, 1 to " + StudySpec.MAX_MODELS + ", no duplicates. SEQUENTIAL gets "
                + "one cell, at parallelism 1.",
                example = "[\"THREADS\", \"PROCESSES\", \"GIL\"]")
        @NotEmpty(message = "is required: 1 to " + StudySpec.MAX_MODELS + " models, e.g. [\"THREADS\", \"GIL\"]")
        @Size(max = StudySpec.MAX_MODELS, message = "must hold at most " + StudySpec.MAX_MODELS + " models")
        List<@NotNull(message = "must be a model name") ExecutionModel> models,

        @Schema(description = "Parallelism values, 1 to " + StudySpec.MAX_PARALLELISM + ", no duplicates.",
                example = "[1, 2, 4]")
        @NotEmpty(message = "is required: 1 to " + StudySpec.MAX_PARALLELISM + " values, e.g. [1, 2, 4]")
        @Size(max = StudySpec.MAX_PARALLELISM, message = "must hold at most " + StudySpec.MAX_PARALLELISM + " values")
        List<@NotNull(message = "must be a whole number") Integer> parallelism,

        @Schema(description = "Tasks per repetition in every cell. Default as for an experiment.", example = "8")
        Integer tasks,

        @Schema(description = "Warm-up runs per cell. Default 1.", example = "1")
        Integer warmups,

        @Schema(description = "Measured runs per cell. Default 3.", example = "3")
        Integer repetitions,

        @Schema(description = "Time limit of each cell. Default as for an experiment.", example = "120")
        Integer timeLimitSeconds,

        @Schema(description = "strong (default): every cell runs the same tasks. weak: tasks are multiplied by the "
                + "cell's parallelism, so each worker keeps the same work, and each row reports its weak-scaling "
                + "efficiency, time at parallelism 1 over time at p.", example = "strong")
        Scaling scaling,

        @Schema(description = "One or two workload params, each with 1 to " + StudySpec.MAX_SWEEP_VALUES
                + " values: every model x parallelism x value cell runs. A swept param is left out of "
                + "workload.params.", example = "{\"ioMillis\": [0, 4, 16, 64]}")
        Map<String, List<Object>> sweep) {

    // Every model once: a constant, since annotation messages need one.
    public static final int MAX_MODELS = 8;
    public static final int MAX_PARALLELISM = 8;
    public static final int MAX_SWEEP_PARAMS = 2;
    public static final int MAX_SWEEP_VALUES = 8;

    /** Without scaling or sweep: a strong-scaling study of the given params. */
    public StudySpec(String name, ExperimentSpec.WorkloadSpec workload, List<ExecutionModel> models,
            List<Integer> parallelism, Integer tasks, Integer warmups, Integer repetitions, Integer timeLimitSeconds) {
        this(name, workload, models, parallelism, tasks, warmups, repetitions, timeLimitSeconds, null, null);
    }

    /** Strong scaling unless the spec asks for weak. */
    public Scaling scalingOrDefault() {
        return scaling == null ? Scaling.STRONG : scaling;
    }

    /** The swept params in the order given; empty without a sweep. */
    public Map<String, List<Object>> sweepOrEmpty() {
        return sweep == null ? Map.of() : sweep;
    }

    /**
     * Strong scaling keeps the problem and adds workers (Amdahl's view); weak scaling grows the
     * problem with the workers (Gustafson's view, as CPython's {@code ftscalingbench} measures).
     */
    public enum Scaling {
        STRONG,
        WEAK;

        /** Written in lower case, as the issue and the README spell it. */
        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
