package org.concurrencylab.interleavings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.concurrencylab.interleavings.Step.Acquire;
import org.concurrencylab.interleavings.Step.Action;
import org.concurrencylab.interleavings.Step.Release;

/**
 * The model of the machine between two steps: the shared variables, each thread's locals and
 * position, and which thread holds each lock. Immutable: a step gives a new state, so the
 * enumeration can branch from any state without undoing anything.
 */
final class State {

    static final int FREE = -1;

    private final List<List<Step>> code;
    private final int[] shared;
    private final Integer[][] locals;
    private final int[] position;
    private final int[] holder;
    private final int written;

    private State(List<List<Step>> code, int[] shared, Integer[][] locals, int[] position, int[] holder,
            int written) {
        this.code = code;
        this.shared = shared;
        this.locals = locals;
        this.position = position;
        this.holder = holder;
        this.written = written;
    }

    static State initial(Setup setup) {
        List<List<Step>> code = setup.code();
        int threads = code.size();
        int[] holder = new int[setup.program().lockNames().size()];
        Arrays.fill(holder, FREE);
        return new State(code, setup.program().initial(), new Integer[threads][setup.program().localNames().size()],
                new int[threads], holder, 0);
    }

    int threads() {
        return code.size();
    }

    boolean finished(int thread) {
        return position[thread] == code.get(thread).size();
    }

    boolean allFinished() {
        for (int t = 0; t < threads(); t++) {
            if (!finished(t)) {
                return false;
            }
        }
        return true;
    }

    /** The next step of an unfinished thread. */
    Step next(int thread) {
        return code.get(thread).get(position[thread]);
    }

    /** The thread holding the lock this thread's next step acquires, or {@link #FREE} if it is not blocked. */
    int blockedBy(int thread) {
        if (!finished(thread) && next(thread) instanceof Acquire acquire) {
            return holder[acquire.lock()];
        }
        return FREE;
    }

    /** Not finished, and not waiting for a lock another thread (or, non-reentrant, itself) holds. */
    boolean canStep(int thread) {
        return !finished(thread) && blockedBy(thread) == FREE;
    }

    /** Threads that can take a step now, in thread order. */
    List<Integer> runnable() {
        List<Integer> runnable = new ArrayList<>();
        for (int t = 0; t < threads(); t++) {
            if (canStep(t)) {
                runnable.add(t);
            }
        }
        return runnable;
    }

    /** No thread can step but some have not finished: they all wait for locks that will never be released. */
    boolean deadlocked() {
        return runnable().isEmpty() && !allFinished();
    }

    State step(int thread) {
        if (!canStep(thread)) {
            throw new IllegalStateException("thread " + thread + " cannot step");
        }
        int[] nextShared = shared.clone();
        Integer[][] nextLocals = locals.clone();
        nextLocals[thread] = locals[thread].clone();
        int[] nextPosition = position.clone();
        int[] nextHolder = holder;
        int nextWritten = 0;
        switch (next(thread)) {
            case Acquire acquire -> {
                nextHolder = holder.clone();
                nextHolder[acquire.lock()] = thread;
            }
            case Release release -> {
                nextHolder = holder.clone();
                nextHolder[release.lock()] = FREE;
            }
            case Action action -> {
                Step.Shared view = new Step.Shared(nextShared);
                action.effect().apply(view, nextLocals[thread]);
                nextWritten = view.written();
            }
        }
        nextPosition[thread]++;
        return new State(code, nextShared, nextLocals, nextPosition, nextHolder, nextWritten);
    }

    /** Positions as one number, base (longest program + 1): with straight-line code it fixes the lock holders too. */
    int positionsKey() {
        int base = code.stream().mapToInt(List::size).max().orElse(0) + 1;
        int key = 0;
        for (int p : position) {
            key = key * base + p;
        }
        return key;
    }

    int[] shared() {
        return shared.clone();
    }

    Integer[] locals(int thread) {
        return locals[thread].clone();
    }

    /** Bit i set when the step that led here wrote shared variable i. */
    int written() {
        return written;
    }

    int holder(int lock) {
        return holder[lock];
    }

    int steps(int thread) {
        return code.get(thread).size();
    }
}
