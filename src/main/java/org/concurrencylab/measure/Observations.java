package org.concurrencylab.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Combines what the measured runs observed into one map for the experiment. A value every run
 * agrees on is shown as it is (lost = 0, outcome = DEADLOCKED); numbers that vary become their
 * {@code min}, {@code mean} and {@code max}; words that vary become the list of those seen.
 */
final class Observations {

    private Observations() {}

    static Map<String, Object> combine(List<Map<String, Object>> perRun) {
        Map<String, List<Object>> byName = new TreeMap<>();
        for (Map<String, Object> run : perRun) {
            run.forEach((name, value) -> byName.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
        }
        Map<String, Object> combined = new LinkedHashMap<>();
        byName.forEach((name, values) -> combined.put(name, combineValues(values)));
        return combined;
    }

    private static Object combineValues(List<Object> values) {
        Set<Object> distinct = new LinkedHashSet<>(values);
        if (distinct.size() == 1) {
            return values.getFirst();
        }
        if (values.stream().allMatch(v -> v instanceof Number)) {
            DescriptiveStatistics stats = new DescriptiveStatistics();
            values.forEach(v -> stats.addValue(((Number) v).doubleValue()));
            Map<String, Object> range = new LinkedHashMap<>();
            range.put("min", Rounding.round3(stats.getMin()));
            range.put("mean", Rounding.round3(stats.getMean()));
            range.put("max", Rounding.round3(stats.getMax()));
            return range;
        }
        return List.copyOf(distinct);
    }
}
