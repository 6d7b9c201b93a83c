package org.concurrencylab.measure;

import java.util.List;
import java.util.Locale;

/**
 * One run's {@link Timeline} as SVG: a lane per concurrently busy thread or worker, each task a bar
 * from its start to its end, a millisecond axis, lane labels and a title. Overlap, idle gaps and
 * serialisation show at a glance. Under {@code GIL} the tasks overlap in time while only one of them
 * runs: lanes below the tasks, one per thread, show who held the lock when (one at a time).
 *
 * <p>Hand-written like the study chart: a few rectangles and lines need no charting library.
 */
public final class TimelineChart {

    private static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"};
    private static final int WIDTH = 900;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 60;
    private static final int BOTTOM = 50;
    private static final int LANE = 22;
    private static final int MAX_LANES_DRAWN = 400;

    private TimelineChart() {}

    /** The run drawn by default: the last measured run of the model, else the last run of any kind. */
    public static java.util.Optional<RunResult> defaultRun(List<RunResult> runs) {
        return runs.stream().filter(r -> !r.warmup() && !r.baseline()).reduce((a, b) -> b)
                .or(() -> runs.stream().reduce((a, b) -> b));
    }

    /**
     * @param heading what ran: experiment, model, workload
     * @param run the run to draw; its timeline may be absent (too many tasks)
     */
    public static String render(String heading, RunResult run) {
        List<long[]> timeline = run.timeline();
        int lanes = 0;
        long endMicros = 0;
        if (timeline != null) {
            for (long[] t : timeline) {
                lanes = Math.max(lanes, (int) t[0] + 1);
                endMicros = Math.max(endMicros, t[2]);
            }
        }
        int drawnLanes = Math.min(Math.max(lanes, 1), MAX_LANES_DRAWN);
        List<long[]> holds = timeline == null ? null : run.gilHolds();
        int gilThreads = 0;
        if (holds != null) {
            for (long[] hold : holds) {
                gilThreads = Math.max(gilThreads, (int) hold[0] + 1);
                endMicros = Math.max(endMicros, hold[2]);
            }
            gilThreads = Math.min(gilThreads, MAX_LANES_DRAWN);
        }
        // The GIL's lanes sit under the tasks', after a row for their heading.
        int gilTop = drawnLanes + 1;
        double plotH = (gilThreads > 0 ? gilTop + gilThreads : drawnLanes) * LANE;
        int height = (int) (TOP + plotH + BOTTOM);
        double plotW = WIDTH - LEFT - RIGHT;
        double spanMillis = Math.max(run.wallMillis(), endMicros / 1000.0);
        double xMax = niceCeiling(Math.max(spanMillis, 0.001));

        String title = heading + ": " + run.model() + ", run " + run.index() + ", wall " + num(run.wallMillis()) + " ms";
        StringBuilder svg = new StringBuilder();
        svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">\n", WIDTH, height, WIDTH, height));
        svg.append(f("<title>%s</title>\n", esc(title)));
        svg.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", WIDTH, height));
        svg.append(f("<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>\n", LEFT, esc(title)));
        svg.append(f("<text x=\"%d\" y=\"42\" fill=\"#555\">%s</text>\n", LEFT, esc(run.tasks() + " tasks"
                + (run.warmup() ? ", warm-up" : "") + (run.baseline() ? ", baseline" : "")
                + "; lanes assigned from the task times (one per task running at once)")));

        if (timeline == null) {
            svg.append(f("<text class=\"no-timeline\" x=\"%d\" y=\"%d\">%s</text>\n", LEFT, TOP + 16, esc(
                    run.tasks() > Timeline.MAX_TASKS
                            ? "No timeline: the run had " + run.tasks() + " tasks; timelines are recorded for at most "
                                    + Timeline.MAX_TASKS
                            : "No timeline recorded for this run")));
            svg.append("</svg>\n");
            return svg.toString();
        }

        // Lanes and their labels.
        for (int lane = 0; lane < drawnLanes; lane++) {
            double y = TOP + lane * LANE;
            if (lane % 2 == 1) {
                svg.append(f("<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"#f6f6f6\"/>\n", LEFT, y, plotW,
                        LANE));
            }
            svg.append(f("<text class=\"lane-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">lane %d</text>\n", LEFT - 8,
                    y + LANE / 2.0 + 4, lane + 1));
        }
        // Millisecond axis with ticks and grid.
        double step = tickStep(xMax);
        double axisY = TOP + plotH;
        for (double v = 0; v <= xMax + 1e-9; v += step) {
            double px = LEFT + v / xMax * plotW;
            svg.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>\n", px, TOP, px, axisY));
            svg.append(f("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>\n", px, axisY, px,
                    axisY + 5));
            svg.append(f("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", px, axisY + 19, num(v)));
        }
        svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>\n", LEFT, axisY, LEFT + plotW,
                axisY));
        svg.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">Time since the first task started (ms)</text>\n",
                LEFT + plotW / 2, height - 12));

        // One bar per task.
        int task = 0;
        for (long[] t : timeline) {
            int lane = (int) t[0];
            if (lane >= drawnLanes) {
                continue;
            }
            double x1 = LEFT + t[1] / 1000.0 / xMax * plotW;
            double w = Math.max(1, (t[2] - t[1]) / 1000.0 / xMax * plotW);
            double y = TOP + lane * LANE + 3;
            svg.append(f("<rect class=\"task\" data-lane=\"%d\" x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%d\" "
                    + "fill=\"%s\" fill-opacity=\"0.85\" stroke=\"white\" stroke-width=\"0.5\"><title>%s</title></rect>\n",
                    lane, x1, y, w, LANE - 6, COLOURS[task % COLOURS.length],
                    esc("task " + (task + 1) + ": " + num(t[1] / 1000.0) + " to " + num(t[2] / 1000.0) + " ms")));
            task++;
        }
        if (gilThreads > 0) {
            drawHolds(svg, holds, gilThreads, gilTop, xMax, plotW);
        }
        if (lanes > drawnLanes) {
            svg.append(f("<text x=\"%d\" y=\"%.1f\" fill=\"#555\">%s</text>\n", LEFT, axisY + 36,
                    esc((lanes - drawnLanes) + " more lanes not drawn")));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** A heading row, then one lane per thread with a bar for each of its holds of the lock. */
    private static void drawHolds(StringBuilder svg, List<long[]> holds, int threads, int top, double xMax,
            double plotW) {
        double headingY = TOP + (top - 1) * LANE;
        svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>\n", LEFT, headingY + 2,
                LEFT + plotW, headingY + 2));
        svg.append(f("<text class=\"gil-heading\" x=\"%d\" y=\"%.1f\" font-weight=\"bold\">GIL: who holds the lock "
                + "(one thread at a time)</text>\n", LEFT, headingY + LANE / 2.0 + 6));
        for (int thread = 0; thread < threads; thread++) {
            double y = TOP + (top + thread) * LANE;
            svg.append(f("<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"#fbf3e4\"/>\n", LEFT, y, plotW,
                    LANE));
            svg.append(f("<text class=\"lane-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">thread %d</text>\n",
                    LEFT - 8, y + LANE / 2.0 + 4, thread + 1));
        }
        for (long[] hold : holds) {
            int thread = (int) hold[0];
            if (thread >= threads) {
                continue;
            }
            double x1 = LEFT + hold[1] / 1000.0 / xMax * plotW;
            double w = Math.max(0.5, (hold[2] - hold[1]) / 1000.0 / xMax * plotW);
            svg.append(f("<rect class=\"gil-hold\" data-thread=\"%d\" x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" "
                    + "height=\"%d\" fill=\"%s\"><title>%s</title></rect>\n", thread, x1,
                    TOP + (top + thread) * LANE + 3.0, w, LANE - 6, COLOURS[(thread + 1) % COLOURS.length],
                    esc("thread " + (thread + 1) + " holds the GIL: " + num(hold[1] / 1000.0) + " to "
                            + num(hold[2] / 1000.0) + " ms")));
        }
    }

    private static double niceCeiling(double v) {
        double step = tickStep(v);
        return Math.max(step, Math.ceil(v / step - 1e-9) * step);
    }

    private static double tickStep(double range) {
        double raw = range / 8;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double n = raw / magnitude;
        return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * magnitude;
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
