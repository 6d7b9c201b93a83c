package org.concurrencylab.workload;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.ObservedFacts;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.Words;

/**
 * What the counter labs share (sync.counter, ipc.shared, ipc.manager): lost updates are the
 * increments made that the counter does not show, and a run reads the same way whatever raced.
 */
final class LostUpdates {

    private LostUpdates() {}

    /**
     * {@code lost} = {@code expected} - {@code observed}, once the workers' increments are summed
     * and the server's reading is in; the observations unchanged while either is missing.
     */
    static UnaryOperator<Observations> derive(Metric.Count expected, Metric.Count observed, Metric.Count lost) {
        return combined -> {
            OptionalLong made = combined.get(expected);
            OptionalLong shown = combined.get(observed);
            if (made.isEmpty() || shown.isEmpty()) {
                return combined;
            }
            return combined.with(Observations.builder().put(lost, made.getAsLong() - shown.getAsLong()).build());
        };
    }

    /**
     * Lost updates against the increments made, or what kept them all.
     *
     * @param raced the format of a run that lost updates, given the lost, the increments made, the
     *     lost percentage and " on average" where the runs differed (else "")
     * @param kept the end of "No update was lost: all N increments arrived", for the strategy used
     */
    static List<String> narrate(ObservedFacts facts, Metric.Count lostUpdates, Metric.Count expected,
            Metric.Text strategyUsed, Param.Choice strategyParam, String raced, UnaryOperator<String> kept) {
        OptionalDouble lost = facts.number(lostUpdates);
        OptionalDouble made = facts.number(expected);
        if (lost.isEmpty() || made.isEmpty() || made.getAsDouble() <= 0) {
            return List.of();
        }
        double l = lost.getAsDouble();
        double e = made.getAsDouble();
        if (l > 0) {
            return List.of(String.format(Locale.ROOT, raced, Words.number(l), Words.number(e), l * 100 / e,
                    facts.varies(lostUpdates) ? " on average" : ""));
        }
        String strategy = facts.text(strategyUsed).orElse(facts.param(strategyParam));
        return List.of(String.format(Locale.ROOT, "No update was lost: all %s increments arrived%s.", Words.number(e),
                kept.apply(strategy)));
    }
}
