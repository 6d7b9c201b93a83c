package org.concurrencylab.measure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a measured result into a short plain-words paragraph: what the numbers show and which lecture
 * idea they illustrate. Every sentence is chosen by a rule over the measured values (speedup, its interval,
 * efficiency, the observations, the warnings) and every number in it comes from them; nothing is canned
 * per model.
 */
public final class Interpreter {

    /** A speedup below this with parallelism above 1 is "no real speedup". */
    static final double NO_SPEEDUP = 1.2;

    /** Efficiency at or above this is "almost ideal" scaling. */
    static final double NEAR_IDEAL = 0.85;

    /** IO-bound work whose speedup exceeds the cores by this factor shows overlapped waiting. */
    static final double WELL_ABOVE_CORES = 1.5;

    /** How the workload uses the machine, from its kind id's prefix. */
    public enum Bound {
        CPU("CPU-bound work"),
        IO("IO-bound work"),
        MIXED("Mixed CPU and IO work"),
        LAB("The lab");

        private final String phrase;

        Bound(String phrase) {
            this.phrase = phrase;
        }

        public static Bound ofKind(String kindId) {
            if (kindId == null) {
                return LAB;
            }
            if (kindId.startsWith("cpu.")) {
                return CPU;
            }
            if (kindId.startsWith("io.")) {
                return IO;
            }
            if (kindId.startsWith("mixed")) {
                return MIXED;
            }
            return LAB; // sync., sched., ipc.
        }
    }

    private Interpreter() {}

    /**
     * @param model the execution model's name (THREADS, GIL, PROCESSES...)
     * @param kindId the workload kind id (cpu.primes, io.sleep, sync.counter...); null when unknown
     * @param parallelism the parallelism the speedup is divided by
     * @param cores the machine's available processors; 0 or less when unknown
     * @param complete false when the experiment stopped before all its runs finished
     */
    public static String interpret(String model, String kindId, int parallelism, int cores, Summary summary,
            Map<String, Object> observations, boolean complete) {
        if (summary == null) {
            return null;
        }
        Bound bound = Bound.ofKind(kindId);
        Map<String, Object> obs = observations == null ? Map.of() : observations;
        List<String> sentences = new ArrayList<>();
        labFacts(obs, sentences);
        if (summary.speedup() != null) {
            sentences.add(scaling(model, kindId, bound, parallelism, cores, summary));
        } else if (sentences.isEmpty() && summary.wallMillis() != null && summary.wallMillis().n() > 0) {
            sentences.add(String.format(Locale.ROOT,
                    "%s (%s) on %s with parallelism %d took a median %s ms per run over %d measured run%s"
                            + " (%s tasks/s); without a baseline there is no speedup to judge, so submit it again"
                            + " with `baseline: true` to compare against a single thread.",
                    bound.phrase, kindId, model, parallelism, f2(summary.wallMillis().median()),
                    summary.wallMillis().n(), summary.wallMillis().n() == 1 ? "" : "s",
                    f2(summary.throughputPerSecond())));
        }
        if (!summary.warnings().isEmpty()) {
            sentences.add(String.format(Locale.ROOT, "Treat these numbers as uncertain: %d warning%s below"
                    + " say%s why.", summary.warnings().size(), summary.warnings().size() == 1 ? "" : "s",
                    summary.warnings().size() == 1 ? "s" : ""));
        }
        if (sentences.isEmpty()) {
            return null;
        }
        String text = String.join(" ", sentences);
        return complete ? text : "Stopped early; from the runs that finished: " + text;
    }

    private static String scaling(String model, String kindId, Bound bound, int p, int cores, Summary s) {
        double speedup = s.speedup();
        String interval = s.speedupCi95Low() != null && s.speedupCi95High() != null
                ? String.format(Locale.ROOT, " (95%% interval %s-%s)", f2(s.speedupCi95Low()), f2(s.speedupCi95High()))
                : "";
        String head = String.format(Locale.ROOT, "%s (%s) on %s: %d %s ran at %sx the single thread%s",
                bound.phrase, kindId, model, p, workers(model, p), f2(speedup), interval);
        boolean gil = "GIL".equals(model);
        boolean processes = "PROCESSES".equals(model);
        String why;
        if (p <= 1) {
            why = String.format(Locale.ROOT, "with parallelism 1 nothing runs side by side, so this measures the"
                    + " model's own overhead (%s%% of the baseline's time) rather than any parallelism",
                    f2((1 / speedup - 1) * 100));
        } else if (bound == Bound.IO && cores > 0 && speedup > cores * WELL_ABOVE_CORES) {
            why = String.format(Locale.ROOT, "far more than the %d cores could give: the %s overlapped waiting,"
                    + " since a task that waits needs no CPU%s", cores, workers(model, p),
                    gil ? ", and the GIL is released while a thread waits" : "");
        } else if (s.efficiency() != null && s.efficiency() >= NEAR_IDEAL) {
            why = String.format(Locale.ROOT, "it scaled almost ideally (efficiency %s at parallelism %d)", f2(s.efficiency()),
                    p) + (s.efficiency() > 1.05 ? ", superlinear: more workers also means more cache to share" : "");
        } else if (speedup < NO_SPEEDUP) {
            why = "no real speedup, " + noSpeedupReason(gil, processes, bound, p, cores, s);
        } else {
            why = String.format(Locale.ROOT, "a partial speedup (efficiency %s)", f2(s.efficiency()))
                    + partialReason(gil, bound, p, cores, s);
        }
        return head + ": " + why + ".";
    }

    private static String noSpeedupReason(boolean gil, boolean processes, Bound bound, int p, int cores, Summary s) {
        if (gil && bound != Bound.IO) {
            return "because under the GIL only one thread can execute at a time, so CPU work runs in turns";
        }
        if (processes) {
            return "because starting worker processes and messaging tasks to them costs more than the parallel"
                    + " work saved (the price of isolation)";
        }
        if (bound == Bound.CPU && cores > 0 && cores < 2) {
            return String.format(Locale.ROOT, "because CPU-bound work can only use the %d core%s there is",
                    cores, cores == 1 ? "" : "s");
        }
        return s.serialFraction() != null
                ? String.format(Locale.ROOT, "because coordination or too little work per task dominated (Karp-Flatt"
                        + " serial fraction %s: Amdahl's law)", f2(s.serialFraction()))
                : "because coordination or too little work per task dominated";
    }

    private static String partialReason(boolean gil, Bound bound, int p, int cores, Summary s) {
        if (bound == Bound.CPU && cores > 0 && p > cores) {
            return String.format(Locale.ROOT, "; CPU-bound work can use only the %d cores, so at most about %dx was"
                    + " possible with %d workers", cores, cores, p);
        }
        if (gil && bound != Bound.CPU) {
            return "; waits overlap under the GIL because a waiting thread releases it, while the CPU parts run in"
                    + " turns";
        }
        return s.serialFraction() != null
                ? String.format(Locale.ROOT, "; a Karp-Flatt serial fraction of %s says part of the work or its"
                        + " coordination stays serial (Amdahl's law)", f2(s.serialFraction()))
                : "";
    }

    /** Facts the synchronization, scheduling and IPC labs report in their observations. */
    private static void labFacts(Map<String, Object> obs, List<String> sentences) {
        Object outcome = obs.get("outcome");
        if (mentions(outcome, "DEADLOCKED")) {
            Object threads = obs.get("deadlockedThreads");
            int count = threads instanceof Collection<?> c ? c.size() : 2;
            Double after = number(obs.get("detectedAfterMillis"));
            sentences.add(String.format(Locale.ROOT, "Deadlock: %d threads each held one lock and waited for a lock"
                    + " another held (taken in opposite orders), a cycle in which none can proceed; the lab"
                    + " detected it%s and broke it by making one thread give up.", count,
                    after == null ? "" : " after " + f2(after) + " ms"));
        } else if (mentions(outcome, "COMPLETED") && obs.containsKey("order")) {
            sentences.add(String.format(Locale.ROOT, "No deadlock: with the locks taken in %s order every worker"
                    + " completed (%s of them).", obs.get("order"), show(obs.get("completedWorkers"))));
        }
        Double lost = number(obs.get("lostUpdates"));
        Double expected = number(obs.get("expected"));
        if (lost != null && expected != null && expected > 0) {
            String averaged = obs.get("lostUpdates") instanceof Map<?, ?> ? " on average" : "";
            if (lost > 0) {
                sentences.add(String.format(Locale.ROOT, "Unsynchronized read-modify-write lost %s of %s updates"
                        + " (%s%%)%s: two threads read the same value and one write overwrote the other (a race"
                        + " condition).", f0(lost), f0(expected), f2(lost * 100 / expected), averaged));
            } else {
                sentences.add(String.format(Locale.ROOT, "No update was lost: all %s increments arrived%s.",
                        f0(expected), "none".equals(obs.get("strategy"))
                                ? ", though nothing but luck prevented a race without synchronization"
                                : " because the " + obs.get("strategy") + " strategy made the read-modify-write atomic"));
            }
        }
        Double lostItems = number(obs.get("lost"));
        Double duplicated = number(obs.get("duplicated"));
        if (lostItems != null && duplicated != null) {
            if (lostItems == 0 && duplicated == 0) {
                sentences.add(String.format(Locale.ROOT, "No item lost or duplicated: all %s produced items were"
                        + " consumed exactly once through the bounded queue.", show(obs.get("produced"))));
            } else {
                sentences.add(String.format(Locale.ROOT, "The hand-off was unsafe: %s items lost and %s duplicated"
                        + " between producers and consumers.", f0(lostItems), f0(duplicated)));
            }
        }
    }

    private static boolean mentions(Object value, String word) {
        return value instanceof Collection<?> c ? c.contains(word) : word.equals(value);
    }

    /** A number as it is, or the mean of a combined {min, mean, max}. */
    private static Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Map<?, ?> m && m.get("mean") instanceof Number n) {
            return n.doubleValue();
        }
        return null;
    }

    private static String show(Object value) {
        Double n = number(value);
        return n == null ? String.valueOf(value) : f0(n);
    }

    private static String workers(String model, int p) {
        String noun = switch (model == null ? "" : model) {
            case "PROCESSES" -> "worker process";
            case "VIRTUAL_THREADS" -> "virtual thread";
            case "FORK_JOIN" -> "fork/join worker";
            default -> "thread";
        };
        return p == 1 ? noun : noun.endsWith("s") ? noun + "es" : noun + "s";
    }

    static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String f0(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : f2(value);
    }
}
