package org.concurrencylab.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.LoopMetrics;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.ObservedFacts;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.WorkKind;
import org.concurrencylab.core.Words;

/**
 * Turns a measured result into a short plain-words paragraph: what the numbers show and which lecture
 * idea they illustrate. Every sentence is chosen by a rule over the measured values (speedup, its interval,
 * efficiency, the observations, the warnings) and every number in it comes from them; nothing is canned
 * per model.
 */
final class Interpreter {

    /** A speedup below this with parallelism above 1 is "no real speedup". */
    static final double NO_SPEEDUP = 1.2;

    /** Efficiency at or above this is "almost ideal" scaling. */
    static final double NEAR_IDEAL = 0.85;

    /** IO-bound work whose speedup exceeds the cores by this factor shows overlapped waiting. */
    static final double WELL_ABOVE_CORES = 1.5;

    private Interpreter() {}

    /**
     * @param cores the machine's available processors; 0 or less when unknown
     * @param complete false when the experiment stopped before all its runs finished
     */
    public static String interpret(Subject subject, int cores, Summary summary, ObservationSummary observations,
            boolean complete) {
        if (summary == null) {
            return null;
        }
        WorkKind work = subject.workload().work();
        List<String> sentences = new ArrayList<>(subject.workload().narrator()
                .sentences(new Facts(observations == null ? ObservationSummary.NONE : observations, subject)));
        if (subject.model() == ExecutionModel.EVENT_LOOP && observations != null) {
            loopLag(observations).ifPresent(sentences::add);
        }
        if (summary.speedup() != null) {
            sentences.add(scaling(subject, work, cores, summary));
        } else if (sentences.isEmpty() && summary.wallMillis() != null && summary.wallMillis().n() > 0) {
            sentences.add(String.format(Locale.ROOT,
                    "%s (%s) on %s %s took a median %s ms per run over %d measured run%s"
                            + " (%s tasks/s); without a baseline there is no speedup to judge, so submit it again"
                            + " with `baseline: true` to compare against a single thread.",
                    work.phrase(), subject.workload().id(), subject.model(), parallelismPhrase(subject),
                    f2(summary.wallMillis().median()), summary.wallMillis().n(),
                    summary.wallMillis().n() == 1 ? "" : "s", f2(summary.throughputPerSecond())));
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

    /** How late the loop ran its callbacks, and what held it: the price of every callback that does not yield. */
    private static Optional<String> loopLag(ObservationSummary observations) {
        OptionalDouble p99 = observations.number(LoopMetrics.LAG_P99);
        OptionalDouble max = observations.number(LoopMetrics.LAG_MAX);
        if (p99.isEmpty() || max.isEmpty()) {
            return Optional.empty();
        }
        String lag = String.format(Locale.ROOT, "The event loop ran its callbacks up to %s ms late (99th percentile "
                + "%s ms): a callback waits for whatever holds the loop's one thread", f2(max.getAsDouble()),
                f2(p99.getAsDouble()));
        double slow = observations.number(LoopMetrics.SLOW_CALLBACKS).orElse(0);
        if (slow == 0) {
            return Optional.of(lag + ", and no callback held it for long.");
        }
        return Optional.of(lag + String.format(Locale.ROOT, "; %s callback%s held it at least %s ms each, as asyncio's "
                + "debug mode would warn: computing or a blocking call inside a coroutine stalls every other task.",
                Words.number(slow), slow == 1 ? "" : "s",
                Words.number(observations.number(LoopMetrics.SLOW_CALLBACK_MILLIS).orElse(0))));
    }

    /** "with parallelism 4", or for uncapped virtual threads what really ran at once. */
    private static String parallelismPhrase(Subject subject) {
        return subject.capped()
                ? "with parallelism " + subject.parallelism()
                : "with no cap on concurrency (all " + subject.parallelism() + " tasks may run at once)";
    }

    private static String scaling(Subject subject, WorkKind bound, int cores, Summary s) {
        ExecutionModel model = subject.model();
        int p = subject.parallelism();
        double speedup = s.speedup();
        String interval = s.speedupCi95Low() != null && s.speedupCi95High() != null
                ? String.format(Locale.ROOT, " (95%% interval %s-%s)", f2(s.speedupCi95Low()), f2(s.speedupCi95High()))
                : "";
        String who = subject.capped() ? p + " " + workers(model, p)
                : workers(model, 2) + " with no cap (" + p + " tasks at once at most)";
        String head = String.format(Locale.ROOT, "%s (%s) on %s: %s ran at %sx the single thread%s",
                bound.phrase(), subject.workload().id(), model, who, f2(speedup), interval);
        boolean gil = model == ExecutionModel.GIL;
        boolean processes = model == ExecutionModel.PROCESSES;
        String why;
        if (model == ExecutionModel.EVENT_LOOP) {
            why = speedup >= NO_SPEEDUP
                    ? "one thread overlapped the waits: each wait handed the loop back to run the other tasks, and the "
                            + "waiter resumed when its time came (cooperative multitasking, as asyncio)"
                    : "one thread runs one callback at a time and computing holds the loop until it is done, so work "
                            + "that computes or blocks gets no speedup on an event loop; only waits that yield overlap";
        } else if (p <= 1) {
            why = String.format(Locale.ROOT, "with parallelism 1 nothing runs side by side, so this measures the"
                    + " model's own overhead (%s%% of the baseline's time) rather than any parallelism",
                    f2((1 / speedup - 1) * 100));
        } else if (bound == WorkKind.IO && cores > 0 && speedup > cores * WELL_ABOVE_CORES) {
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

    private static String noSpeedupReason(boolean gil, boolean processes, WorkKind bound, int p, int cores, Summary s) {
        if (gil && bound != WorkKind.IO) {
            return "because under the GIL only one thread can execute at a time, so CPU work runs in turns";
        }
        if (processes) {
            return "because starting worker processes and messaging tasks to them costs more than the parallel"
                    + " work saved (the price of isolation)";
        }
        if (bound == WorkKind.CPU && cores > 0 && cores < 2) {
            return String.format(Locale.ROOT, "because CPU-bound work can only use the %d core%s there is",
                    cores, cores == 1 ? "" : "s");
        }
        return s.serialFraction() != null
                ? String.format(Locale.ROOT, "because coordination or too little work per task dominated (Karp-Flatt"
                        + " serial fraction %s: Amdahl's law)", f2(s.serialFraction()))
                : "because coordination or too little work per task dominated";
    }

    private static String partialReason(boolean gil, WorkKind bound, int p, int cores, Summary s) {
        if (bound == WorkKind.CPU && cores > 0 && p > cores) {
            return String.format(Locale.ROOT, "; CPU-bound work can use only the %d cores, so at most about %dx was"
                    + " possible with %d workers", cores, cores, p);
        }
        if (gil && bound != WorkKind.CPU) {
            return "; waits overlap under the GIL because a waiting thread releases it, while the CPU parts run in"
                    + " turns";
        }
        return s.serialFraction() != null
                ? String.format(Locale.ROOT, "; a Karp-Flatt serial fraction of %s says part of the work or its"
                        + " coordination stays serial (Amdahl's law)", f2(s.serialFraction()))
                : "";
    }

    private static String workers(ExecutionModel model, int p) {
        String noun = model.workerNoun();
        return p == 1 ? noun : noun.endsWith("s") ? noun + "es" : noun + "s";
    }

    static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }


    /** The combined observations and the spec, as a workload's narrator reads them. */
    private record Facts(ObservationSummary observations, Subject subject) implements ObservedFacts {

        @Override
        public OptionalDouble number(Metric metric) {
            return observations.number(metric);
        }

        @Override
        public Optional<String> text(Metric.Text metric) {
            return observations.text(metric);
        }

        @Override
        public boolean varies(Metric metric) {
            return observations.varies(metric);
        }

        @Override
        public int parallelism() {
            return subject.parallelism();
        }

        @Override
        public long param(Param.Int param) {
            return subject.params().get(param);
        }

        @Override
        public String param(Param.Choice param) {
            return subject.params().get(param);
        }

        @Override
        public boolean param(Param.Flag param) {
            return subject.params().get(param);
        }
    }
}
