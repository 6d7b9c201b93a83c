package org.concurrencylab.experiment;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Locale;

/**
 * How long an experiment is expected to take, worked out when it was submitted.
 *
 * @param seconds warm-ups, measured runs and baseline runs together, without the time in the queue
 * @param basis what the number rests on
 * @param detail how it was worked out, in words
 */
@Schema(description = "How long the experiment is expected to take, worked out at submit (queue time not included).")
public record Estimate(
        @Schema(description = "Seconds from start to end.", example = "4.4") double seconds,
        Basis basis,
        @Schema(example = "at least 4.4 s: 4 runs (1 warm-up, 3 measured) of THREADS at 0.1 s each (16 tasks x "
                + "50 ms waiting, 8 at once) and of the SEQUENTIAL baseline at 0.8 s each (one after another); "
                + "computing, start-up and the lab's own work come on top") String detail) {

    /** What an estimate rests on. */
    @Schema(description = "WAITS: a lower bound from the waits the workload declares (sleeps, a server's delay, a "
            + "timer's period), which no machine shortens; PAST_RUNS: earlier runs of the same spec on the node that "
            + "took the submit.")
    public enum Basis { WAITS, PAST_RUNS }

    /** Seconds as the lab's sentences write them: three significant figures, thousands grouped. */
    static String seconds(double seconds) {
        if (seconds >= 100) {
            return String.format(Locale.ROOT, "%,.0f s", seconds);
        }
        return String.format(Locale.ROOT, seconds >= 10 ? "%.1f s" : seconds >= 1 ? "%.2f s" : "%.3g s", seconds);
    }
}
