package org.concurrencylab.interleavings;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every interleaving of a setup's steps on the state model, in one fixed order (at each point
 * the lowest-numbered thread that can step goes first), so the same setup always gives the same
 * answer. An interleaving is a maximal schedule: it ends when every thread has finished or when none
 * can step (a deadlock).
 */
public final class Explorer {

    public static final long DEFAULT_LIMIT = 100_000;

    /** Correct outcomes first, then by shared values in declaration order, DEADLOCK last. */
    private static final Comparator<Outcome> ORDER = Comparator.comparing((Outcome o) -> !o.correct())
            .thenComparing(o -> o.shared() == null)
            .thenComparing((a, b) -> a.shared() == null ? 0 : compareValues(a, b));

    private final long limit;

    public Explorer(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    /**
     * How many interleavings a setup has, without running them: the number of maximal schedules from
     * a state depends only on the threads' positions (straight-line code), so each is counted once.
     */
    public static long count(Setup setup) {
        return count(State.initial(setup), new HashMap<>());
    }

    private static long count(State state, Map<Integer, Long> memo) {
        Long known = memo.get(state.positionsKey());
        if (known != null) {
            return known;
        }
        List<Integer> runnable = state.runnable();
        long total = runnable.isEmpty() ? 1 : 0;
        for (int t : runnable) {
            total = Math.addExact(total, count(state.step(t), memo));
        }
        memo.put(state.positionsKey(), total);
        return total;
    }

    /**
     * Every interleaving's outcome, and the shortest failing schedule (fewest steps, then fewest
     * context switches, then the first in the enumeration order).
     *
     * @throws InvalidSetupException naming {@code threads} when there are more interleavings than the limit
     */
    public Exploration explore(Setup setup) {
        long total = count(setup);
        if (total > limit) {
            NumberFormat n = NumberFormat.getIntegerInstance(Locale.ROOT);
            throw InvalidSetupException.of("threads", setup.label() + " has " + n.format(total)
                    + " interleavings, more than the explorer runs (" + n.format(limit) + "); use fewer threads");
        }
        Search search = new Search(setup);
        search.visit(State.initial(setup), 0, 0);
        List<Outcome> outcomes = new ArrayList<>(search.outcomes.values());
        outcomes.sort(ORDER);
        Trace failing = search.best == null ? null : Replay.of(setup, search.best);
        return new Exploration(setup, search.leaves, List.copyOf(outcomes), failing);
    }

    private static int compareValues(Outcome a, Outcome b) {
        List<Integer> x = List.copyOf(a.shared().values());
        List<Integer> y = List.copyOf(b.shared().values());
        for (int i = 0; i < x.size(); i++) {
            int c = Integer.compare(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** A depth-first walk of the schedule tree; the path so far is the schedule. */
    private static final class Search {
        private final Setup setup;
        private final Map<String, Outcome> outcomes = new HashMap<>();
        private final int[] path;
        private long leaves;
        private int[] best;
        private int bestSwitches;

        Search(Setup setup) {
            this.setup = setup;
            State start = State.initial(setup);
            int longest = 0;
            for (int t = 0; t < start.threads(); t++) {
                longest += start.steps(t);
            }
            this.path = new int[longest];
        }

        void visit(State state, int depth, int switches) {
            List<Integer> runnable = state.runnable();
            if (runnable.isEmpty()) {
                leaves++;
                Outcome outcome = Outcome.of(setup, state, 1);
                outcomes.merge(outcome.state(), outcome, (old, one) -> old.plus(1));
                boolean shorter = best == null || depth < best.length
                        || (depth == best.length && switches < bestSwitches);
                if (!outcome.correct() && shorter) {
                    best = java.util.Arrays.copyOf(path, depth);
                    bestSwitches = switches;
                }
                return;
            }
            for (int t : runnable) {
                path[depth] = t;
                visit(state.step(t), depth + 1, switches + (depth > 0 && path[depth - 1] != t ? 1 : 0));
            }
        }
    }
}
