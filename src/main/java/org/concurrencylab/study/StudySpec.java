package org.concurrencylab.study;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.ExperimentSpec;

/** What a user submits for a study: one workload over every (model, parallelism) pair. */
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(description = "A scaling study: one experiment per model and parallelism value, each with its own baseline.")
public record StudySpec(
        @Schema(description = "A label for people; defaults to '<workload> study'.", example = "primes scaling")
        @Size(max = 100, message = "must be at most 100 characters")
        String name,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull(message = "is required, e.g. {\"kind\": \"cpu.primes\", \"params\": {\"size\": 20000}}")
        @Valid
        ExperimentSpec.WorkloadSpec workload,

        @Schema(description = "Execution models, 1 to " + StudySpec.MAX_MODELS + ", no duplicates.",
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
        Integer timeLimitSeconds) {

    public static final int MAX_MODELS = 7;
    public static final int MAX_PARALLELISM = 8;
}
