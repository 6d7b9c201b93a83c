package org.concurrencylab.interleavings;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What every interleaving of a setup came to.
 *
 * @param interleavings how many maximal schedules there are
 * @param outcomes each final state (or DEADLOCK) with its count, correct ones first
 * @param failingSchedule the shortest schedule that ends wrong, or null when none does
 */
public record Exploration(Setup setup, long interleavings, List<Outcome> outcomes, Trace failingSchedule) {

    public long wrongInterleavings() {
        return outcomes.stream().filter(o -> !o.correct()).mapToLong(Outcome::count).sum();
    }

    public long deadlocks() {
        return outcomes.stream().filter(o -> o.state().equals(Outcome.DEADLOCK)).mapToLong(Outcome::count).sum();
    }

    public String expected() {
        return setup.program().expected(setup.threads());
    }

    /** The result in one or two sentences. */
    public String summary() {
        if (failingSchedule == null) {
            return "All " + interleavings + " interleavings end correct (" + expected() + ")"
                    + (setup.strategy() == Strategy.LOCK ? ": the lock lets only one thread at a time into the steps "
                            + "that touch shared state, and no schedule deadlocks." : ".");
        }
        String wrong = deadlocks() == wrongInterleavings() ? " deadlock"
                : " end wrong" + (deadlocks() == 0 ? "" : " (" + deadlocks() + " of them deadlock)");
        return wrongInterleavings() + " of " + interleavings + " interleavings" + wrong
                + "; the shortest failing schedule, threads " + failingSchedule.schedule().stream()
                        .map(String::valueOf).collect(Collectors.joining(" "))
                + ", ends in " + failingSchedule.outcome() + " after " + count(failingSchedule.steps().size(), "step")
                + " and " + count(failingSchedule.contextSwitches(), "context switch") + "; expected " + expected()
                + ". " + setup.program().why();
    }

    /** "1 step", "2 steps", "1 context switch", "2 context switches". */
    static String count(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + (noun.endsWith("h") ? "es" : "s"));
    }
}
