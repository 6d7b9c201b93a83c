package org.concurrencylab.experiment;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ModelOption;
import org.concurrencylab.core.ModelOptions;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.TaskShape;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.core.InvalidRequestException.Violation;
import org.concurrencylab.workload.Workloads;
import org.springframework.stereotype.Component;

/**
 * Checks a spec against the catalog and {@code lab.limits.*} and fills in defaults. Bean
 * validation on {@link ExperimentSpec} catches missing fields first; the bounds live here because
 * they are configurable, and the param rules because the catalog declares them.
 */
@Component
public class SpecValidator {

    static final int DEFAULT_TASKS = 8;
    static final int DEFAULT_WARMUPS = 1;
    static final int DEFAULT_REPETITIONS = 3;

    private final LimitsProperties limits;

    SpecValidator(LimitsProperties limits) {
        this.limits = limits;
    }

    public ResolvedSpec resolve(ExperimentSpec spec) {
        List<Violation> violations = new ArrayList<>();
        ExecutionModel model = spec.model();
        ResolvedSpec.ResolvedWorkload workload = resolveWorkload(violations, spec.workload());
        WorkloadDefinition kind = workload == null ? null : workload.definition();
        OptionalInt cast = kind == null ? OptionalInt.empty() : kind.castSize(workload.values());
        int parallelism = bounded(violations, "parallelism", spec.parallelism(),
                defaultParallelism(model, cast.orElse(1)),
                model.minParallelism(), limits.maxParallelism(model),
                switch (model) {
                    case SEQUENTIAL -> " (SEQUENTIAL runs on one thread)";
                    case EVENT_LOOP -> " (EVENT_LOOP runs every task on its one thread, taking turns at each wait)";
                    case VIRTUAL_THREADS -> " for VIRTUAL_THREADS (0: no cap)";
                    case THREADS, FUTURES, FORK_JOIN, GIL, PROCESSES -> " for " + model;
                });
        int tasks = bounded(violations, "tasks", spec.tasks(), defaultTasks(kind, cast, parallelism), 1,
                limits.maxTasks(), "");
        int warmups = bounded(violations, "warmups", spec.warmups(), DEFAULT_WARMUPS, 0, limits.maxWarmups(), "");
        int repetitions = bounded(violations, "repetitions", spec.repetitions(), DEFAULT_REPETITIONS, 1,
                limits.maxRepetitions(), "");
        int timeLimit = bounded(violations, "timeLimitSeconds", spec.timeLimitSeconds(),
                Math.min(limits.defaultTimeLimitSeconds(), limits.maxTimeLimitSeconds()), 1,
                limits.maxTimeLimitSeconds(), "");
        boolean fits = checkFit(violations, model, kind, cast);
        boolean baseline = Boolean.TRUE.equals(spec.baseline());
        if (kind != null) {
            kind.rule().check(workload.values(), tasks).ifPresent(problem ->
                    violations.add(new Violation("workload.params." + problem.param(), problem.message())));
            if (fits && baseline && cast.isEmpty() && !kind.fits(ExecutionModel.SEQUENTIAL)) {
                violations.add(new Violation("baseline", "must be false for " + kind.id() + ": the baseline runs it "
                        + "SEQUENTIAL, which it does not fit: " + kind.refusals().get(ExecutionModel.SEQUENTIAL)));
            }
        }
        ModelOptions options = resolveOptions(violations, spec, tasks);
        if (fits && cast.isPresent()) {
            checkCast(violations, spec, kind, cast.getAsInt(), parallelism, tasks, options);
        }
        if (!violations.isEmpty()) {
            throw new InvalidSpecException(violations);
        }
        String name = spec.name() == null || spec.name().isBlank()
                ? workload.kind() + " on " + model
                : spec.name().strip();
        ResolvedSpec resolved = new ResolvedSpec(name, model, parallelism, tasks, workload, warmups, repetitions,
                baseline, timeLimit, options);
        // Checked once every field is valid: the bound is only worth reading for a spec that could run.
        WaitBound.of(resolved).flatMap(bound -> bound.refusal(timeLimit, limits.maxTimeLimitSeconds()))
                .ifPresent(refusal -> {
                    throw InvalidSpecException.of("timeLimitSeconds", refusal);
                });
        return resolved;
    }

    /** Options of other models are refused, not ignored: a user who sent one expected it to matter. */
    private ModelOptions resolveOptions(List<Violation> violations, ExperimentSpec spec, int tasks) {
        Map<String, Object> given = spec.givenOptions();
        Map<String, Object> values = new LinkedHashMap<>();
        for (ExecutionModel other : ExecutionModel.values()) {
            for (ModelOption option : other.options()) {
                Object value = given.get(option.name());
                if (value == null) {
                    continue;
                }
                if (other != spec.model()) {
                    violations.add(new Violation(option.name(), "applies only to " + other + "; leave it out for "
                            + spec.model()));
                    continue;
                }
                values.put(option.name(), switch (option) {
                    case ModelOption.Bool bool -> value;
                    case ModelOption.Int integer -> bounded(violations, option.name(), (Integer) value,
                            integer.defaultValue(), integer.min(), limits.maxOption(integer, tasks), "");
                });
            }
        }
        ModelOptions options = new ModelOptions(values);
        // Every option of the model, so a stored spec says what ran even if a default changes later.
        Map<String, Object> complete = new LinkedHashMap<>(options.shownFor(spec.model()));
        return new ModelOptions(complete);
    }

    /** The cores the server sees, or more when a lab's workers must all run at once; never above the cap. */
    private int defaultParallelism(ExecutionModel model, int workersAtOnce) {
        if (model == ExecutionModel.VIRTUAL_THREADS) {
            return 0;
        }
        return Math.min(Math.max(Runtime.getRuntime().availableProcessors(), workersAtOnce),
                limits.maxParallelism(model));
    }

    /** Independent tasks: a fixed default; one worker per task: one per thread; a fixed cast: its size. */
    private static int defaultTasks(WorkloadDefinition kind, OptionalInt cast, int parallelism) {
        if (kind == null) {
            return DEFAULT_TASKS;
        }
        return switch (kind.tasks()) {
            case TaskShape.Independent independent -> DEFAULT_TASKS;
            case TaskShape.OnePerTask onePerTask ->
                    parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
            case TaskShape.Fixed fixed -> cast.orElseThrow();
        };
    }

    /**
     * A lab whose workers wait on each other needs exactly its cast as tasks, and every one of them
     * running at once: on fewer threads the last would never start and the first would wait for
     * them forever, until the time limit. A sequential baseline would be the same trap.
     */
    private static void checkCast(List<Violation> violations, ExperimentSpec spec, WorkloadDefinition kind,
            int workers, int parallelism, int tasks, ModelOptions options) {
        String who = ((TaskShape.Fixed) kind.tasks()).who();
        if (tasks != workers) {
            violations.add(new Violation("tasks", "must be " + workers + " for " + kind.id() + " (" + who + " with "
                    + "these params), or left out, was " + tasks));
        }
        if (workers < 2) {
            return;
        }
        boolean capped = spec.model() != ExecutionModel.VIRTUAL_THREADS || parallelism > 0;
        if (capped && parallelism < workers) {
            violations.add(new Violation("parallelism", "must be at least " + workers + " for " + kind.id() + " on "
                    + spec.model() + ": its " + workers + " workers (" + who + ") wait on each other and must all "
                    + "run at once, was " + parallelism));
        }
        if (spec.model() == ExecutionModel.FORK_JOIN && options.get(ModelOption.THRESHOLD) > 1) {
            violations.add(new Violation("threshold", "must be 1 for " + kind.id() + ": a range of several tasks runs "
                    + "them one after another on one thread, and its workers wait on each other"));
        }
        if (Boolean.TRUE.equals(spec.baseline())) {
            violations.add(new Violation("baseline", "must be false for " + kind.id() + ": its " + workers
                    + " workers wait on each other, so they cannot run one after another SEQUENTIAL"));
        }
    }

    private static int bounded(List<Violation> violations, String field, Integer value, int defaultValue, int min,
            int max, String context) {
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            violations.add(new Violation(field, "must be between " + min + " and " + max + context + ", was " + value));
        }
        return value;
    }

    private ResolvedSpec.ResolvedWorkload resolveWorkload(List<Violation> violations, ExperimentSpec.WorkloadSpec spec) {
        Optional<WorkloadDefinition> found = Workloads.byId(spec.kind());
        if (found.isEmpty()) {
            violations.add(new Violation("workload.kind", "unknown kind '" + spec.kind() + "'; one of "
                    + String.join(", ", Workloads.ids())));
            return null;
        }
        WorkloadDefinition kind = found.get();
        Map<String, Object> given = spec.params() == null ? Map.of() : spec.params();
        for (String name : given.keySet()) {
            if (kind.param(name).isEmpty()) {
                violations.add(new Violation("workload.params." + name, "unknown param of " + kind.id() + "; allowed: "
                        + String.join(", ", kind.params().stream().map(Param::name).toList())));
            }
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (Param param : kind.params()) {
            String field = "workload.params." + param.name();
            long max = limits.maxParam(param);
            Object raw = given.get(param.name());
            if (raw == null) {
                values.put(param.name(), Math.min(param.defaultRaw(), max));
                continue;
            }
            if (param instanceof Param.Choice choice) {
                int index = raw instanceof String name ? choice.choices().indexOf(name) : -1;
                if (index < 0) {
                    violations.add(new Violation(field, "must be one of " + String.join(", ", choice.choices())));
                } else {
                    values.put(param.name(), (long) index);
                }
                continue;
            }
            // A flag may also be written as JSON's true or false.
            Long value = param instanceof Param.Flag && raw instanceof Boolean flag ? Long.valueOf(flag ? 1 : 0) : integral(raw);
            String unit = param instanceof Param.Int integer && !integer.unit().isEmpty() ? " " + integer.unit() : "";
            if (value == null) {
                violations.add(new Violation(field, "must be a whole number between " + param.minRaw() + " and " + max));
            } else if (value < param.minRaw() || value > max) {
                violations.add(new Violation(field, "must be between " + param.minRaw() + " and " + max + unit
                        + ", was " + value));
            } else {
                values.put(param.name(), value);
            }
        }
        return new ResolvedSpec.ResolvedWorkload(kind.id(), values);
    }

    /**
     * A workload that makes no sense on a model is refused with the workload's own reason; a lab
     * whose workers wait on each other says on SEQUENTIAL how many it needs at once.
     *
     * @return whether the model fits (an unknown kind counts as fitting: it is reported elsewhere)
     */
    private static boolean checkFit(List<Violation> violations, ExecutionModel model, WorkloadDefinition kind,
            OptionalInt cast) {
        if (kind == null || kind.fits(model)) {
            return true;
        }
        String reason = model == ExecutionModel.SEQUENTIAL && cast.orElse(1) > 1
                ? "it needs " + cast.getAsInt() + " workers running at once ("
                        + ((TaskShape.Fixed) kind.tasks()).who() + "), who wait on each other, and "
                        + "SEQUENTIAL runs one task at a time, so the first would wait for the others forever"
                : kind.refusals().get(model);
        violations.add(new Violation("model", kind.id() + " does not fit " + model + ": " + reason
                + " (it fits " + String.join(", ", kind.models().stream().map(Enum::name).toList()) + ")"));
        return false;
    }

    /** JSON numbers arrive as Integer, Long, BigInteger or (with a fraction) Double/BigDecimal. */
    private static Long integral(Object raw) {
        return switch (raw) {
            case Integer i -> i.longValue();
            case Long l -> l;
            case BigInteger b when b.bitLength() < 64 -> b.longValue();
            case BigDecimal d when d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0 -> d.longValue();
            case Double d when d == Math.rint(d) && Math.abs(d) < 9e15 -> d.longValue();
            default -> null;
        };
    }
}
