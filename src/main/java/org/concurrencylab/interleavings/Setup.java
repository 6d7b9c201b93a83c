package org.concurrencylab.interleavings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.concurrencylab.core.InvalidRequestException.Violation;

/**
 * A program from the catalog with its thread count, strategy and (two-locks with a lock only)
 * lock order: everything that fixes the set of schedules.
 *
 * @param order null unless the program takes one
 */
public record Setup(Program program, int threads, Strategy strategy, LockOrder order) {

    public static final int DEFAULT_THREADS = 2;

    public Setup {
        if (threads < Program.MIN_THREADS || threads > Program.MAX_THREADS) {
            throw new IllegalArgumentException("threads out of range: " + threads);
        }
        if ((order != null) != (program.hasOrder() && strategy == Strategy.LOCK)) {
            throw new IllegalArgumentException("order " + order + " does not fit " + program.id() + " " + strategy);
        }
    }

    /**
     * Reads a request's fields as the user sent them (null when left out) and names every field
     * that is wrong and what it allows. Names are matched ignoring case.
     */
    public static Setup resolve(String program, Integer threads, String strategy, String order) {
        List<Violation> violations = new ArrayList<>();
        Program p = null;
        if (program == null || program.isBlank()) {
            violations.add(new Violation("program", "is required: one of " + ids(Program.values(), Program::id)
                    + " (GET /api/v1/catalog/interleavings)"));
        } else {
            p = find(Program.values(), Program::id, program);
            if (p == null) {
                violations.add(new Violation("program", "must be one of " + ids(Program.values(), Program::id)
                        + ", was '" + program + "'"));
            }
        }
        int n = threads == null ? DEFAULT_THREADS : threads;
        if (n < Program.MIN_THREADS || n > Program.MAX_THREADS) {
            violations.add(new Violation("threads", "must be " + Program.MIN_THREADS + " or " + Program.MAX_THREADS
                    + ", was " + threads));
        }
        Strategy s = null;
        if (strategy != null) {
            s = find(Strategy.values(), Strategy::id, strategy);
            if (s == null) {
                violations.add(new Violation("strategy", "must be one of " + ids(Strategy.values(), Strategy::id)
                        + ", was '" + strategy + "'"));
            }
        } else if (p != null) {
            s = p.defaultStrategy();
        }
        LockOrder o = null;
        if (order != null) {
            o = find(LockOrder.values(), LockOrder::id, order);
            if (o == null) {
                violations.add(new Violation("order", "must be one of " + ids(LockOrder.values(), LockOrder::id)
                        + ", was '" + order + "'"));
            } else if (p != null && !p.hasOrder()) {
                violations.add(new Violation("order", "applies only to two-locks (the program with two locks); "
                        + "leave it out for " + p.id()));
            } else if (s == Strategy.NONE) {
                violations.add(new Violation("order", "applies only with strategy lock: without locks there is no "
                        + "lock order"));
            }
        } else if (p != null && p.hasOrder() && s == Strategy.LOCK) {
            o = LockOrder.OPPOSITE;
        }
        if (!violations.isEmpty()) {
            throw new InvalidSetupException(violations);
        }
        return new Setup(p, n, s, o);
    }

    /** Each thread's steps, thread 0 first. */
    List<List<Step>> code() {
        List<List<Step>> code = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            code.add(List.copyOf(program.body(t, strategy, order)));
        }
        return code;
    }

    /** Each thread's program as people read it, thread 1 first. */
    public List<List<Line>> listing() {
        return code().stream().map(steps -> steps.stream().map(step -> new Line(step.name(), step.code())).toList())
                .toList();
    }

    /** One step of a listing: its name ("read") and the line of code it stands for ("tmp = counter"). */
    public record Line(String step, String code) {}

    /** How the setup reads in a title: "counter.increment, 2 threads, strategy none". */
    public String label() {
        return program.id() + ", " + threads + " threads, strategy " + strategy.id()
                + (order == null ? "" : ", order " + order.id());
    }

    private static <T> T find(T[] values, Function<T, String> id, String wanted) {
        String key = wanted.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values).filter(v -> id.apply(v).equals(key)).findFirst().orElse(null);
    }

    private static <T> String ids(T[] values, Function<T, String> id) {
        return Arrays.stream(values).map(id).collect(Collectors.joining(", "));
    }
}
