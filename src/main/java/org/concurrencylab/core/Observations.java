package org.concurrencylab.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one run (or one worker's part of it) observed: typed values by name, in name order. Made
 * with {@link #builder()} by workloads and models, carried typed over the worker pipe, combined
 * across workers by each metric's {@link Aggregation}, and shown to users as a map of name to
 * plain value.
 *
 * @param byName each observation under its metric's name, sorted by name
 */
public record Observations(Map<String, Observation> byName) {

    public static final Observations NONE = new Observations(Map.of());

    public Observations {
        byName = Collections.unmodifiableMap(new TreeMap<>(byName));
    }

    /**
     * Observations read back from their JSON (a stored result), whose declarations are not at hand:
     * each value's type is taken from the JSON ({@link Value#ofPlain}), and nothing is combined again.
     */
    @JsonCreator
    public static Observations fromPlain(Map<String, Object> plain) {
        Builder builder = builder();
        if (plain != null) {
            plain.forEach((name, raw) -> {
                Value value = Value.ofPlain(raw);
                Metric metric = value instanceof Value.Count ? Metric.count(name, "", Aggregation.SAME, "")
                        : value instanceof Value.Real ? Metric.real(name, "", Aggregation.SAME, "")
                        : value instanceof Value.Flag ? Metric.flag(name, "")
                        : Metric.text(name, Aggregation.SAME, "");
                builder.add(new Observation(metric, value));
            });
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Observations of(Collection<Observation> observations) {
        Builder builder = builder();
        observations.forEach(builder::add);
        return builder.build();
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    public Collection<Observation> all() {
        return byName.values();
    }

    public Optional<Observation> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public OptionalLong get(Metric.Count metric) {
        return byName.get(metric.name()) instanceof Observation o && o.value() instanceof Value.Count c
                ? OptionalLong.of(c.value()) : OptionalLong.empty();
    }

    public OptionalDouble get(Metric.Real metric) {
        return byName.get(metric.name()) instanceof Observation o && o.value() instanceof Value.Real r
                ? OptionalDouble.of(r.value()) : OptionalDouble.empty();
    }

    public Optional<String> get(Metric.Text metric) {
        return byName.get(metric.name()) instanceof Observation o && o.value() instanceof Value.Text t
                ? Optional.of(t.value()) : Optional.empty();
    }

    /** These observations with {@code more}'s added; a name in both takes {@code more}'s value. */
    public Observations with(Observations more) {
        Map<String, Observation> all = new TreeMap<>(byName);
        all.putAll(more.byName);
        return new Observations(all);
    }

    /** Name to plain value (long, double, string, boolean), as the API shows a run's observations. */
    @JsonValue
    public Map<String, Object> plain() {
        Map<String, Object> plain = new LinkedHashMap<>();
        byName.forEach((name, o) -> plain.put(name, o.value().plain()));
        return plain;
    }

    /**
     * The observations of the parts of one run (one per worker JVM) as one workload running every
     * task would have made them: each metric by its own aggregation. Texts that the parts do not
     * agree on are joined in order; flags combine with AND.
     */
    public static Observations combine(List<Observations> parts) {
        Map<String, Observation> combined = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (Observations part : parts) {
            for (Observation o : part.byName.values()) {
                Observation before = combined.get(o.name());
                int n = counts.merge(o.name(), 1, Integer::sum) - 1;
                combined.put(o.name(), before == null ? o : merge(before, o, n));
            }
        }
        return new Observations(combined);
    }

    private static Observation merge(Observation a, Observation b, int partsSoFar) {
        Aggregation policy = a.metric().aggregation();
        Value value = switch (a.value()) {
            case Value.Count x when b.value() instanceof Value.Count y ->
                    new Value.Count(Math.round(policy.combine(x.value(), y.value(), partsSoFar)));
            case Value.Real x when b.value() instanceof Value.Real y ->
                    new Value.Real(policy.combine(x.value(), y.value(), partsSoFar));
            case Value.Flag x when b.value() instanceof Value.Flag y -> new Value.Flag(x.value() && y.value());
            case Value.Text x when b.value() instanceof Value.Text y -> new Value.Text(joined(x.value(), y.value()));
            default -> a.value();
        };
        return new Observation(a.metric(), value);
    }

    private static String joined(String a, String b) {
        Set<String> words = new LinkedHashSet<>(List.of(a.split(", ")));
        words.add(b);
        return String.join(", ", words);
    }

    /** As {@link #plain()}: name to value, without the declarations. */
    @Override
    public String toString() {
        return plain().toString();
    }

    /** Collects observations in any order; a metric given twice keeps the last value. */
    public static final class Builder {

        private final List<Observation> observations = new ArrayList<>();

        private Builder() {}

        public Builder add(Observation observation) {
            observations.add(observation);
            return this;
        }

        public Builder put(Metric.Count metric, long value) {
            return add(new Observation(metric, new Value.Count(value)));
        }

        public Builder put(Metric.Real metric, double value) {
            return add(new Observation(metric, new Value.Real(value)));
        }

        public Builder put(Metric.Text metric, String value) {
            return add(new Observation(metric, new Value.Text(value)));
        }

        public Builder put(Metric.Flag metric, boolean value) {
            return add(new Observation(metric, new Value.Flag(value)));
        }

        public Observations build() {
            Map<String, Observation> byName = new TreeMap<>();
            for (Observation o : observations) {
                byName.put(o.name(), o);
            }
            return new Observations(byName);
        }
    }
}
