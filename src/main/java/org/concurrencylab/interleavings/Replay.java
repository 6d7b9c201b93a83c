package org.concurrencylab.interleavings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concurrencylab.interleavings.Step.Acquire;
import org.concurrencylab.interleavings.Trace.TraceStep;

/**
 * "You are the scheduler", as in The Deadlock Empire: a schedule names the thread that takes each
 * step, and the replay shows the machine after every one. A thread that has finished, or whose next
 * step acquires a lock another thread holds, cannot be chosen.
 */
public final class Replay {

    /** More positions than the longest program has steps in all is never valid; this only bounds the reading. */
    public static final int MAX_POSITIONS = 100;

    private Replay() {}

    /**
     * Plays a schedule the user wrote (threads numbered from 1). It may stop early: the trace then
     * says which threads could step next.
     *
     * @throws InvalidSetupException naming {@code schedule[i]} (from 0) and why that thread cannot step there
     */
    public static Trace replay(Setup setup, List<Integer> schedule) {
        if (schedule.size() > MAX_POSITIONS) {
            throw InvalidSetupException.of("schedule", "must have at most " + MAX_POSITIONS + " positions, had "
                    + schedule.size());
        }
        State state = State.initial(setup);
        int[] threads = new int[schedule.size()];
        for (int i = 0; i < schedule.size(); i++) {
            Integer chosen = schedule.get(i);
            String field = "schedule[" + i + "]";
            if (chosen == null || chosen < 1 || chosen > setup.threads()) {
                throw InvalidSetupException.of(field, "must be a thread number from 1 to " + setup.threads() + ", was "
                        + chosen);
            }
            int t = chosen - 1;
            if (state.finished(t)) {
                throw InvalidSetupException.of(field, "thread " + chosen + " has already finished all "
                        + state.steps(t) + " of its steps" + nextChoice(state));
            }
            int holder = state.blockedBy(t);
            if (holder != State.FREE) {
                String lock = ((Acquire) state.next(t)).lockName();
                throw InvalidSetupException.of(field, "thread " + chosen + " is blocked: its next step acquires "
                        + lock + ", which thread " + (holder + 1) + " holds" + nextChoice(state));
            }
            threads[i] = t;
            state = state.step(t);
        }
        return of(setup, threads);
    }

    private static String nextChoice(State state) {
        List<Integer> runnable = state.runnable();
        if (runnable.isEmpty()) {
            return state.allFinished() ? "; every thread has finished" : "; no thread can step: deadlock";
        }
        return "; threads that can step here: " + runnable.stream().map(t -> Integer.toString(t + 1))
                .reduce((a, b) -> a + ", " + b).orElseThrow();
    }

    /** Plays a schedule known to be valid (threads from 0). */
    static Trace of(Setup setup, int[] schedule) {
        State state = State.initial(setup);
        List<TraceStep> steps = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        int switches = 0;
        for (int i = 0; i < schedule.length; i++) {
            int t = schedule[i];
            Step step = state.next(t);
            state = state.step(t);
            numbers.add(t + 1);
            if (i > 0 && schedule[i - 1] != t) {
                switches++;
            }
            steps.add(new TraceStep(i + 1, t + 1, step.name(), step.code(),
                    Outcome.named(setup.program().sharedNames(), state.shared()), wrote(setup, state),
                    locals(setup, state),
                    locks(setup, state), blocked(state)));
        }
        boolean ended = state.runnable().isEmpty();
        Outcome outcome = ended ? Outcome.of(setup, state, 1) : null;
        return new Trace(List.copyOf(numbers), List.copyOf(steps), outcome == null ? null : outcome.state(),
                outcome == null ? null : outcome.correct(), switches,
                state.runnable().stream().map(t -> t + 1).toList());
    }

    private static List<String> wrote(Setup setup, State state) {
        List<String> names = setup.program().sharedNames();
        List<String> wrote = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if ((state.written() & (1 << i)) != 0) {
                wrote.add(names.get(i));
            }
        }
        return wrote;
    }

    private static List<Map<String, Integer>> locals(Setup setup, State state) {
        List<String> names = setup.program().localNames();
        List<Map<String, Integer>> all = new ArrayList<>();
        for (int t = 0; t < state.threads(); t++) {
            Integer[] values = state.locals(t);
            Map<String, Integer> mine = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                if (values[i] != null) {
                    mine.put(names.get(i), values[i]);
                }
            }
            all.add(mine);
        }
        return all;
    }

    private static Map<String, Integer> locks(Setup setup, State state) {
        Map<String, Integer> locks = new LinkedHashMap<>();
        if (setup.strategy() == Strategy.LOCK) {
            List<String> names = setup.program().lockNames();
            for (int l = 0; l < names.size(); l++) {
                locks.put(names.get(l), state.holder(l) == State.FREE ? null : state.holder(l) + 1);
            }
        }
        return locks;
    }

    private static List<Integer> blocked(State state) {
        List<Integer> blocked = new ArrayList<>();
        for (int t = 0; t < state.threads(); t++) {
            if (state.blockedBy(t) != State.FREE) {
                blocked.add(t + 1);
            }
        }
        return blocked;
    }
}
