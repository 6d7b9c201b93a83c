package org.concurrencylab.measure;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observation;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.Value;

/**
 * What an experiment's measured runs observed, combined: a value every run agrees on is shown as
 * it is (lost = 0, outcome = DEADLOCKED); numbers that vary become their {@code min}, {@code mean}
 * and {@code max}; words that vary become the list of those seen. Shown as a map of name to those.
 *
 * @param byName each observation's summary under its name, sorted by name
 */
record ObservationSummary(Map<String, Entry> byName) {

    /** One observation over the runs. */
    public sealed interface Entry {

        /** The same value in every run. */
        record Same(Value value) implements Entry {}

        /** A number that varied. */
        record Range(double min, double mean, double max) implements Entry {}

        /** Words (or flags) that varied, each once, in the order first seen. */
        record Distinct(List<Value> values) implements Entry {}
    }

    public static final ObservationSummary NONE = new ObservationSummary(Map.of());

    ObservationSummary {
        byName = Collections.unmodifiableMap(new TreeMap<>(byName));
    }

    public static ObservationSummary of(List<Observations> perRun) {
        Map<String, List<Value>> values = new TreeMap<>();
        for (Observations run : perRun) {
            for (Observation o : run.all()) {
                values.computeIfAbsent(o.name(), n -> new ArrayList<>()).add(o.value());
            }
        }
        Map<String, Entry> byName = new TreeMap<>();
        values.forEach((name, seen) -> byName.put(name, entry(seen)));
        return new ObservationSummary(byName);
    }

    private static Entry entry(List<Value> seen) {
        Set<Value> distinct = new LinkedHashSet<>(seen);
        if (distinct.size() == 1) {
            return new Entry.Same(seen.getFirst());
        }
        if (seen.stream().allMatch(v -> v instanceof Value.Count || v instanceof Value.Real)) {
            DescriptiveStatistics stats = new DescriptiveStatistics();
            seen.forEach(v -> stats.addValue(v.number()));
            return new Entry.Range(Rounding.round3(stats.getMin()), Rounding.round3(stats.getMean()),
                    Rounding.round3(stats.getMax()));
        }
        return new Entry.Distinct(List.copyOf(distinct));
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    public Optional<Entry> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The metric's number, or its mean where it varied. */
    public OptionalDouble number(Metric metric) {
        return switch (byName.get(metric.name())) {
            case Entry.Same same when !(same.value() instanceof Value.Text) -> OptionalDouble.of(same.value().number());
            case Entry.Range range -> OptionalDouble.of(range.mean());
            case null, default -> OptionalDouble.empty();
        };
    }

    /** The metric's text, or the texts seen, joined, where it varied. */
    public Optional<String> text(Metric.Text metric) {
        return switch (byName.get(metric.name())) {
            case Entry.Same same -> Optional.of(String.valueOf(same.value().plain()));
            case Entry.Distinct distinct -> Optional.of(distinct.values().stream()
                    .map(v -> String.valueOf(v.plain())).collect(Collectors.joining(", ")));
            case null, default -> Optional.empty();
        };
    }

    public boolean varies(Metric metric) {
        return byName.get(metric.name()) instanceof Entry.Range || byName.get(metric.name()) instanceof Entry.Distinct;
    }

    @JsonValue
    Map<String, Object> plain() {
        Map<String, Object> plain = new LinkedHashMap<>();
        byName.forEach((name, entry) -> plain.put(name, switch (entry) {
            case Entry.Same same -> same.value().plain();
            case Entry.Range range -> range(range);
            case Entry.Distinct distinct -> distinct.values().stream().map(Value::plain).toList();
        }));
        return plain;
    }

    private static Map<String, Object> range(Entry.Range range) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("min", range.min());
        shown.put("mean", range.mean());
        shown.put("max", range.max());
        return shown;
    }

    /** Read back from a stored result's JSON. */
    @JsonCreator
    static ObservationSummary fromPlain(Map<String, Object> plain) {
        Map<String, Entry> byName = new TreeMap<>();
        if (plain != null) {
            plain.forEach((name, raw) -> byName.put(name, switch (raw) {
                case Map<?, ?> m when m.get("mean") instanceof Number mean -> new Entry.Range(
                        ((Number) m.get("min")).doubleValue(), mean.doubleValue(), ((Number) m.get("max")).doubleValue());
                case List<?> list -> new Entry.Distinct(list.stream().map(Value::ofPlain).toList());
                default -> new Entry.Same(Value.ofPlain(raw));
            }));
        }
        return new ObservationSummary(byName);
    }

    /** As {@link #plain()}: name to value or range. */
    @Override
    public String toString() {
        return plain().toString();
    }
}
