package org.concurrencylab.experiment;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.concurrencylab.execution.ExecutionModel;
import org.concurrencylab.execution.ModelOptions;
import org.concurrencylab.experiment.InvalidSpecException.Violation;
import org.concurrencylab.workload.ParamSpec;
import org.concurrencylab.workload.WorkloadKind;
import org.concurrencylab.workload.WorkloadParams;
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
        int maxParallelism = limits.parallelism().maxFor(model);
        // Only VIRTUAL_THREADS may run without a cap (0); every other model needs at least one thread.
        int minParallelism = model == ExecutionModel.VIRTUAL_THREADS ? 0 : 1;
        ResolvedSpec.ResolvedWorkload workload = resolveWorkload(violations, spec.workload());
        WorkloadKind kind = workload == null ? null : workload.workloadKind();
        OptionalInt cast = kind == null ? OptionalInt.empty()
                : kind.workersFor(WorkloadParams.defaults(kind).overriddenBy(new WorkloadParams(workload.params())));
        int parallelism = bounded(violations, "parallelism", spec.parallelism(),
                defaultParallelism(model, cast.orElse(1)),
                minParallelism, maxParallelism,
                switch (model) {
                    case SEQUENTIAL -> " (SEQUENTIAL runs on one thread)";
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
        if (kind != null && workload.params().keySet().containsAll(kind.params().stream().map(ParamSpec::name).toList())) {
            kind.checkParams(new WorkloadParams(workload.params()), tasks).ifPresent(problem ->
                    violations.add(new Violation("workload.params." + problem.param(), problem.message())));
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
        return new ResolvedSpec(name, model, parallelism, tasks, workload, warmups, repetitions,
                Boolean.TRUE.equals(spec.baseline()), timeLimit, options);
    }

    /** Options of other models are refused, not ignored: a user who sent one expected it to matter. */
    private ModelOptions resolveOptions(List<Violation> violations, ExperimentSpec spec, int tasks) {
        Map<ModelOption, Integer> values = new java.util.EnumMap<>(ModelOption.class);
        for (ModelOption option : ModelOption.values()) {
            Object given = option.valueIn(spec);
            values.put(option, option.defaultValue());
            if (given == null) {
                continue;
            }
            if (option.model() != spec.model()) {
                violations.add(new Violation(option.field(), "applies only to " + option.model()
                        + "; leave it out for " + spec.model()));
            } else if (given instanceof Boolean flag) {
                values.put(option, flag ? 1 : 0);
            } else {
                int max = option == ModelOption.THRESHOLD ? Math.max(1, tasks) : option.max(limits);
                values.put(option, bounded(violations, option.field(), (Integer) given, option.defaultValue(),
                        option.min(), max, ""));
            }
        }
        return new ModelOptions(values.get(ModelOption.STAGES), values.get(ModelOption.THRESHOLD),
                values.get(ModelOption.SWITCH_INTERVAL_MILLIS), values.get(ModelOption.REUSE_WORKERS) == 1,
                values.get(ModelOption.CHUNK_SIZE), values.get(ModelOption.MAX_TASKS_PER_WORKER),
                values.get(ModelOption.AOT_CACHE) == 1);
    }

    /** The cores the server sees, or more when a lab's workers must all run at once; never above the cap. */
    private int defaultParallelism(ExecutionModel model, int workersAtOnce) {
        if (model == ExecutionModel.VIRTUAL_THREADS) {
            return 0;
        }
        return Math.min(Math.max(Runtime.getRuntime().availableProcessors(), workersAtOnce),
                limits.parallelism().maxFor(model));
    }

    /** Independent tasks: a fixed default; one worker per task: one per thread; a fixed cast: its size. */
    private static int defaultTasks(WorkloadKind kind, OptionalInt cast, int parallelism) {
        if (kind == null) {
            return DEFAULT_TASKS;
        }
        return switch (kind.workers()) {
            case WorkloadKind.Workers.Independent independent -> DEFAULT_TASKS;
            case WorkloadKind.Workers.OnePerTask onePerTask ->
                    parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
            case WorkloadKind.Workers.Fixed fixed -> cast.orElseThrow();
        };
    }

    /**
     * A lab whose workers wait on each other needs exactly its cast as tasks, and every one of them
     * running at once: on fewer threads the last would never start and the first would wait for
     * them forever, until the time limit. A sequential baseline would be the same trap.
     */
    private static void checkCast(List<Violation> violations, ExperimentSpec spec, WorkloadKind kind, int workers,
            int parallelism, int tasks, ModelOptions options) {
        String who = ((WorkloadKind.Workers.Fixed) kind.workers()).who();
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
        if (spec.model() == ExecutionModel.FORK_JOIN && options.threshold() > 1) {
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
        Optional<WorkloadKind> found = WorkloadKind.byId(spec.kind());
        if (found.isEmpty()) {
            violations.add(new Violation("workload.kind", "unknown kind '" + spec.kind() + "'; one of "
                    + String.join(", ", WorkloadKind.ids())));
            return null;
        }
        WorkloadKind kind = found.get();
        Map<String, Object> given = spec.params() == null ? Map.of() : spec.params();
        for (String name : given.keySet()) {
            if (kind.param(name).isEmpty()) {
                violations.add(new Violation("workload.params." + name, "unknown param of " + kind.id() + "; allowed: "
                        + String.join(", ", kind.params().stream().map(ParamSpec::name).toList())));
            }
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (ParamSpec param : kind.params()) {
            String field = "workload.params." + param.name();
            long max = Math.min(param.max(), limits.params().getOrDefault(param.name(), param.max()));
            Object raw = given.get(param.name());
            if (raw == null) {
                values.put(param.name(), Math.min(param.defaultValue(), max));
                continue;
            }
            if (param.isChoice()) {
                int index = raw instanceof String name ? param.choices().indexOf(name) : -1;
                if (index < 0) {
                    violations.add(new Violation(field, "must be one of " + String.join(", ", param.choices())));
                } else {
                    values.put(param.name(), (long) index);
                }
                continue;
            }
            Long value = integral(raw);
            if (value == null) {
                violations.add(new Violation(field, "must be a whole number between " + param.min() + " and " + max));
            } else if (value < param.min() || value > max) {
                violations.add(new Violation(field, "must be between " + param.min() + " and " + max
                        + (param.unit().isEmpty() ? "" : " " + param.unit()) + ", was " + value));
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
    private static boolean checkFit(List<Violation> violations, ExecutionModel model, WorkloadKind kind,
            OptionalInt cast) {
        if (kind == null || kind.fit().fits(model.name())) {
            return true;
        }
        String reason = model == ExecutionModel.SEQUENTIAL && cast.orElse(1) > 1
                ? "it needs " + cast.getAsInt() + " workers running at once ("
                        + ((WorkloadKind.Workers.Fixed) kind.workers()).who() + "), who wait on each other, and "
                        + "SEQUENTIAL runs one task at a time, so the first would wait for the others forever"
                : kind.fit().refusal();
        violations.add(new Violation("model", kind.id() + " does not fit " + model + ": " + reason
                + " (it fits " + String.join(", ", kind.fit().models()) + ")"));
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
