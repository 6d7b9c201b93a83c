package org.concurrencylab.interleavings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.concurrencylab.interleavings.Step.Acquire;
import org.concurrencylab.interleavings.Step.Action;
import org.concurrencylab.interleavings.Step.Release;

/**
 * The closed catalog of programs. Each thread runs the same few straight-line steps (two-locks
 * alternates the direction of its transfer); the scheduler decides only the order. Programs are
 * straight-line on purpose: which locks a thread holds then follows from how far it has got, which
 * keeps the state small and the count of schedules a matter of positions.
 */
public enum Program {

    COUNTER_INCREMENT("counter.increment",
            "Each thread adds 1 to a shared counter in three steps: read it into a local, add 1, write it back.",
            "A thread that reads the counter after another has read it but before that one writes it back "
                    + "writes the same value again: one increment is lost.",
            Strategy.NONE, vars("counter"), new int[] {0}, vars("tmp"), vars("lock")) {
        @Override
        List<Step> body(int thread, Strategy strategy, LockOrder order) {
            return guarded(strategy, List.of(
                    new Action("read", "tmp = counter", (shared, locals) -> locals[0] = shared.get(0)),
                    new Action("add", "tmp = tmp + 1", (shared, locals) -> locals[0] = locals[0] + 1),
                    new Action("write", "counter = tmp", (shared, locals) -> shared.set(0, locals[0]))));
        }

        @Override
        boolean correct(int[] shared, int threads) {
            return shared[0] == threads;
        }

        @Override
        String expected(int threads) {
            return "counter=" + threads;
        }
    },

    CHECK_THEN_ACT("check-then-act",
            "Lazy initialisation: each thread checks whether the shared instance exists (0 stands for None) and, "
                    + "if not, makes one and publishes it. Objects are numbered 1, 2, 3 in the order they are made.",
            "Two threads that both check before either publishes both see None and both make the object: the "
                    + "initialisation is done twice and the threads go on with different instances.",
            Strategy.NONE, vars("instance", "created"), new int[] {0, 0}, vars("seen", "mine"), vars("lock")) {
        @Override
        List<Step> body(int thread, Strategy strategy, LockOrder order) {
            return guarded(strategy, List.of(
                    new Action("check", "seen = instance", (shared, locals) -> locals[0] = shared.get(0)),
                    new Action("create", "mine = Singleton() if seen is None else seen", (shared, locals) -> {
                        if (locals[0] == 0) {
                            shared.set(1, shared.get(1) + 1);
                            locals[1] = shared.get(1);
                        } else {
                            locals[1] = locals[0];
                        }
                    }),
                    new Action("publish", "if seen is None: instance = mine", (shared, locals) -> {
                        if (locals[0] == 0) {
                            shared.set(0, locals[1]);
                        }
                    })));
        }

        @Override
        boolean correct(int[] shared, int threads) {
            return shared[1] == 1;
        }

        @Override
        String expected(int threads) {
            return "created=1 (one instance, shared by every thread)";
        }
    },

    TWO_LOCKS("two-locks",
            "Each thread moves 1 between two accounts a and b (10 each), each guarded by its own lock: odd threads "
                    + "from a to b, even threads from b to a. With strategy lock the thread holds both locks.",
            "Without locks a transfer's read and write of an account can straddle another's and lose its update. "
                    + "With locks taken in opposite orders, each thread can hold one lock and wait for the other "
                    + "forever: a deadlock. Taking them in one consistent order cannot deadlock.",
            Strategy.LOCK, vars("a", "b"), new int[] {10, 10}, vars("src", "dst"), vars("lock_a", "lock_b")) {
        @Override
        List<Step> body(int thread, Strategy strategy, LockOrder order) {
            // Odd threads (0-based even) move a -> b, the others b -> a.
            int from = thread % 2 == 0 ? 0 : 1;
            int to = 1 - from;
            String f = sharedNames().get(from);
            String t = sharedNames().get(to);
            List<Step> transfer = List.of(
                    new Action("read " + f, "src = " + f, (shared, locals) -> locals[0] = shared.get(from)),
                    new Action("write " + f, f + " = src - 1", (shared, locals) -> shared.set(from, locals[0] - 1)),
                    new Action("read " + t, "dst = " + t, (shared, locals) -> locals[1] = shared.get(to)),
                    new Action("write " + t, t + " = dst + 1", (shared, locals) -> shared.set(to, locals[1] + 1)));
            return switch (strategy) {
                case NONE -> transfer;
                case LOCK -> {
                    int first = order == LockOrder.OPPOSITE ? from : 0;
                    List<Step> steps = new ArrayList<>();
                    steps.add(acquire(first));
                    steps.add(acquire(1 - first));
                    steps.addAll(transfer);
                    steps.add(release(1 - first));
                    steps.add(release(first));
                    yield steps;
                }
            };
        }

        @Override
        boolean correct(int[] shared, int threads) {
            int[] expected = balances(threads);
            return shared[0] == expected[0] && shared[1] == expected[1];
        }

        @Override
        String expected(int threads) {
            int[] expected = balances(threads);
            return "a=" + expected[0] + ", b=" + expected[1];
        }

        private int[] balances(int threads) {
            int aToB = (threads + 1) / 2;
            int bToA = threads / 2;
            return new int[] {10 - aToB + bToA, 10 + aToB - bToA};
        }

        @Override
        public boolean hasOrder() {
            return true;
        }
    };

    public static final int MIN_THREADS = 2;
    public static final int MAX_THREADS = 3;

    private final String id;
    private final String description;
    private final String why;
    private final Strategy defaultStrategy;
    private final List<String> sharedNames;
    private final int[] initial;
    private final List<String> localNames;
    private final List<String> lockNames;

    Program(String id, String description, String why, Strategy defaultStrategy, List<String> sharedNames,
            int[] initial, List<String> localNames, List<String> lockNames) {
        this.id = id;
        this.description = description;
        this.why = why;
        this.defaultStrategy = defaultStrategy;
        this.sharedNames = sharedNames;
        this.initial = initial;
        this.localNames = localNames;
        this.lockNames = lockNames;
    }

    /** The steps of thread {@code thread} (0-based) under the strategy; order is null unless {@link #hasOrder()}. */
    abstract List<Step> body(int thread, Strategy strategy, LockOrder order);

    /** Whether a finished run's shared state is what the program means to compute. */
    abstract boolean correct(int[] shared, int threads);

    /** The correct final state, in words. */
    abstract String expected(int threads);

    /** Whether the program takes {@code order} (only with strategy lock). */
    public boolean hasOrder() {
        return false;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** What goes wrong, and why. */
    public String why() {
        return why;
    }

    public Strategy defaultStrategy() {
        return defaultStrategy;
    }

    public List<String> sharedNames() {
        return sharedNames;
    }

    int[] initial() {
        return initial.clone();
    }

    /** The shared variables before any thread steps, by name. */
    public Map<String, Integer> initialValues() {
        return Outcome.named(sharedNames, initial);
    }

    /** The strategies and lock orders this program runs with: what the catalog lists and validation accepts. */
    public List<Setup> variants(int threads) {
        List<Setup> variants = new ArrayList<>();
        for (Strategy strategy : Strategy.values()) {
            if (hasOrder() && strategy == Strategy.LOCK) {
                for (LockOrder order : LockOrder.values()) {
                    variants.add(new Setup(this, threads, strategy, order));
                }
            } else {
                variants.add(new Setup(this, threads, strategy, null));
            }
        }
        return variants;
    }

    public List<String> localNames() {
        return localNames;
    }

    List<String> lockNames() {
        return lockNames;
    }

    /** The one lock of the single-lock programs, around the whole body: Python's {@code with lock:}. */
    List<Step> guarded(Strategy strategy, List<Step> body) {
        return switch (strategy) {
            case NONE -> body;
            case LOCK -> {
                List<Step> steps = new ArrayList<>();
                steps.add(acquire(0));
                steps.addAll(body);
                steps.add(release(0));
                yield steps;
            }
        };
    }

    Step acquire(int lock) {
        return new Acquire(lock, lockNames.get(lock));
    }

    Step release(int lock) {
        return new Release(lock, lockNames.get(lock));
    }

    private static List<String> vars(String... names) {
        return Arrays.asList(names);
    }
}
