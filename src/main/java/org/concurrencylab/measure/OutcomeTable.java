package org.concurrencylab.measure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.RaceOutcomes;
import org.concurrencylab.core.Words;
import org.concurrencylab.measure.ExperimentResult.Outcome;

/**
 * The final states an experiment's measured runs ended in, as jcstress prints its outcome table:
 * one row per distinct final value with how many runs ended there, ACCEPTABLE when it is exactly
 * what the run should have reached, FORBIDDEN when updates were lost (or invented). Built for any
 * workload whose definition declares {@link RaceOutcomes}; a run that did not observe both values
 * is left out.
 */
final class OutcomeTable {

    private OutcomeTable() {}

    static List<Outcome> of(RaceOutcomes declared, List<Observations> measuredRuns) {
        record Key(long observed, long expected) {}
        Map<Key, Integer> counts = new TreeMap<>(Comparator.comparingLong(Key::expected)
                .thenComparingLong(Key::observed));
        for (Observations run : measuredRuns) {
            OptionalLong observed = run.get(declared.observed());
            OptionalLong expected = run.get(declared.expected());
            if (observed.isPresent() && expected.isPresent()) {
                counts.merge(new Key(observed.getAsLong(), expected.getAsLong()), 1, Integer::sum);
            }
        }
        List<Outcome> rows = new ArrayList<>();
        counts.forEach((key, count) -> rows.add(row(declared, key.observed(), key.expected(), count)));
        // Acceptable first, then the forbidden ones from the least to the most lost: the order a reader scans.
        rows.sort(Comparator.comparing(Outcome::expect).thenComparing(Comparator.comparingLong(Outcome::observed)
                .reversed()));
        return List.copyOf(rows);
    }

    private static Outcome row(RaceOutcomes declared, long observed, long expected, int count) {
        String name = declared.observed().name();
        if (observed == expected) {
            return new Outcome(observed, expected, count, Outcome.Expect.ACCEPTABLE, name + " exactly as expected");
        }
        String description = observed < expected
                ? Words.number(expected - observed) + " updates lost"
                : Words.number(observed - expected) + " more than expected";
        return new Outcome(observed, expected, count, Outcome.Expect.FORBIDDEN, description);
    }

    /** The table in one sentence for the interpretation; empty when there is nothing to say. */
    static String sentence(List<Outcome> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        int runs = rows.stream().mapToInt(Outcome::count).sum();
        long forbiddenRuns = rows.stream().filter(r -> r.expect() == Outcome.Expect.FORBIDDEN)
                .mapToInt(Outcome::count).sum();
        if (forbiddenRuns == 0) {
            return String.format(Locale.ROOT, "Every one of the %d measured run%s ended in the ACCEPTABLE outcome "
                    + "(see result.outcomes).", runs, runs == 1 ? "" : "s");
        }
        return String.format(Locale.ROOT, "As jcstress would list them (result.outcomes), the %d measured run%s "
                + "ended in %d different final value%s, %d of %d run%s in a FORBIDDEN one: a race gives different "
                + "results from run to run.", runs, runs == 1 ? "" : "s", rows.size(), rows.size() == 1 ? "" : "s",
                forbiddenRuns, runs, runs == 1 ? "" : "s");
    }
}
