package org.concurrencylab.interleavings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One final state and how many interleavings end in it, jcstress style.
 *
 * @param state the final shared values ("counter=1") or {@link #DEADLOCK}
 * @param shared the final shared values by name; null for a deadlock (they differ by where it struck)
 */
public record Outcome(String state, Map<String, Integer> shared, long count, boolean correct) {

    public static final String DEADLOCK = "DEADLOCK";

    /** The outcome a schedule that ran to its end reached: the shared values, or DEADLOCK. */
    static Outcome of(Setup setup, State end, long count) {
        if (end.deadlocked()) {
            return new Outcome(DEADLOCK, null, count, false);
        }
        int[] values = end.shared();
        return new Outcome(label(setup.program().sharedNames(), values), named(setup.program().sharedNames(), values),
                count, setup.program().correct(values, setup.threads()));
    }

    static String label(List<String> names, int[] values) {
        StringBuilder label = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            label.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(values[i]);
        }
        return label.toString();
    }

    static Map<String, Integer> named(List<String> names, int[] values) {
        Map<String, Integer> named = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            named.put(names.get(i), values[i]);
        }
        return named;
    }

    Outcome plus(long more) {
        return new Outcome(state, shared, count + more, correct);
    }
}
