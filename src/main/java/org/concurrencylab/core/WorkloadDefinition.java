package org.concurrencylab.core;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Everything the lab knows about one workload, declared once next to its implementation: the
 * catalog, the validator, the worker JVM, the combiner and the interpreter read it, and none of
 * them restates it.
 *
 * @param id the name users write in a spec, such as {@code cpu.primes}
 * @param work what it spends its time on
 * @param description what it does and which lecture idea it shows, in plain words
 * @param params its params in the order the catalog lists them
 * @param refusals the models it does not fit, each with the reason a user is given
 * @param tasks what a spec's {@code tasks} means for it
 * @param metrics the observations it reports in every run
 * @param factory builds the workload for one run from complete, valid params
 * @param rule a rule between params (and the number of tasks) that bounds alone cannot state
 * @param narrator how its observations read in words
 * @param derive recomputes its {@link Aggregation#DERIVED} observations once parts are combined
 * @param inWorkerCache whether the worker JVMs' AOT cache is trained on it (see its definition)
 * @param runsInWorker false when a worker JVM does not run its tasks, but answers the pool's
 *     messages (ipc.pipe: the pool streams, the worker echoes)
 * @param cooperative its workloads offer a cooperative form ({@link Cooperative}) an event loop
 *     interleaves at their waits; without one, work that waits is refused on EVENT_LOOP
 * @param outcomes the observations whose final values an experiment tabulates as race outcomes
 *     (see {@link RaceOutcomes}); empty for workloads whose runs have no right or wrong final state
 * @param cost what one task is known to cost from the params (its waits), for the estimate a spec
 *     gets at submit; {@link TaskCost#UNKNOWN} for computing and for labs whose workers wait on each other
 */
public record WorkloadDefinition(
        String id,
        WorkKind work,
        String description,
        List<Param> params,
        Map<ExecutionModel, String> refusals,
        TaskShape tasks,
        List<Metric> metrics,
        Function<ParamValues, Workload> factory,
        ParamRule rule,
        Narrator narrator,
        UnaryOperator<Observations> derive,
        boolean inWorkerCache,
        boolean runsInWorker,
        boolean cooperative,
        Optional<RaceOutcomes> outcomes,
        Function<ParamValues, TaskCost> cost) {

    public WorkloadDefinition {
        params = List.copyOf(params);
        metrics = List.copyOf(metrics);
        refusals = Fit.refusals(work, cooperative, refusals);
    }

    /** A rule between params, broken by {@code param} with {@code message}. */
    public record ParamProblem(String param, String message) {}

    @FunctionalInterface
    public interface ParamRule {
        ParamRule NONE = (values, tasks) -> Optional.empty();

        Optional<ParamProblem> check(ParamValues values, int tasks);
    }

    public static Builder builder(String id, WorkKind work) {
        return new Builder(id, work);
    }

    public boolean fits(ExecutionModel model) {
        return !refusals.containsKey(model);
    }

    public Set<ExecutionModel> models() {
        EnumSet<ExecutionModel> models = EnumSet.allOf(ExecutionModel.class);
        models.removeAll(refusals.keySet());
        return models;
    }

    public Optional<Param> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Every param at its default. */
    public ParamValues defaults() {
        Map<String, Long> values = new java.util.LinkedHashMap<>();
        params.forEach(p -> values.put(p.name(), p.defaultRaw()));
        return new ParamValues(values);
    }

    /** What one task costs at least with these (complete, valid) params. */
    public TaskCost cost(ParamValues values) {
        return cost.apply(values);
    }

    /** Builds the workload from params that were validated and completed with defaults. */
    public Workload create(ParamValues values) {
        return factory.apply(values);
    }

    /** The number of tasks a fixed cast needs with these params; empty when the spec chooses. */
    public java.util.OptionalInt castSize(ParamValues values) {
        return tasks instanceof TaskShape.Fixed fixed
                ? java.util.OptionalInt.of(fixed.count().applyAsInt(values))
                : java.util.OptionalInt.empty();
    }

    /** Collects a definition; only id, kind, description and a factory are required. */
    public static final class Builder {
        private final String id;
        private final WorkKind work;
        private String description = "";
        private final List<Param> params = new ArrayList<>();
        private final Map<ExecutionModel, String> refusals = new EnumMap<>(ExecutionModel.class);
        private TaskShape tasks = new TaskShape.Independent();
        private final List<Metric> metrics = new ArrayList<>();
        private Function<ParamValues, Workload> factory;
        private ParamRule rule = ParamRule.NONE;
        private Narrator narrator = Narrator.SILENT;
        private UnaryOperator<Observations> derive = UnaryOperator.identity();
        private boolean inWorkerCache = true;
        private boolean runsInWorker = true;
        private boolean cooperative;
        private RaceOutcomes outcomes;
        private Function<ParamValues, TaskCost> cost = values -> TaskCost.UNKNOWN;

        private Builder(String id, WorkKind work) {
            this.id = id;
            this.work = work;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        public Builder params(Param... declared) {
            params.addAll(List.of(declared));
            return this;
        }

        public Builder refuse(ExecutionModel model, String reason) {
            refusals.put(model, reason);
            return this;
        }

        /** Refuses each of {@code models} for the same reason. */
        public Builder refuse(Set<ExecutionModel> models, String reason) {
            models.forEach(model -> refuse(model, reason));
            return this;
        }

        public Builder tasks(TaskShape shape) {
            this.tasks = shape;
            return this;
        }

        public Builder metrics(Metric... declared) {
            metrics.addAll(List.of(declared));
            return this;
        }

        public Builder factory(Function<ParamValues, Workload> make) {
            this.factory = make;
            return this;
        }

        public Builder rule(ParamRule check) {
            this.rule = check;
            return this;
        }

        public Builder narrator(Narrator words) {
            this.narrator = words;
            return this;
        }

        public Builder derive(UnaryOperator<Observations> recompute) {
            this.derive = recompute;
            return this;
        }

        /** Leaves it out of the worker AOT cache's training; say why where it is called. */
        public Builder notInWorkerCache() {
            this.inWorkerCache = false;
            return this;
        }

        /** The pool exchanges messages with the worker itself instead of sending it tasks. */
        public Builder echoedByWorker() {
            this.runsInWorker = false;
            return this;
        }

        /** Its workloads implement {@link Cooperative}, so an event loop can run them. */
        public Builder cooperative() {
            this.cooperative = true;
            return this;
        }

        /**
         * Its experiments tabulate the final values of {@code observed} over their runs, each
         * ACCEPTABLE when equal to {@code expected} in its run, FORBIDDEN otherwise (jcstress's table).
         */
        public Builder outcomes(Metric.Count observed, Metric.Count expected) {
            this.outcomes = new RaceOutcomes(observed, expected);
            return this;
        }

        /** What one task is known to cost from the params; left out, nothing is known. */
        public Builder cost(Function<ParamValues, TaskCost> known) {
            this.cost = known;
            return this;
        }

        public WorkloadDefinition build() {
            if (factory == null) {
                throw new IllegalStateException(id + " has no factory");
            }
            return new WorkloadDefinition(id, work, description, params, refusals, tasks, metrics, factory, rule,
                    narrator, derive, inWorkerCache, runsInWorker, cooperative, Optional.ofNullable(outcomes), cost);
        }
    }
}
