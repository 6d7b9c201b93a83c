package org.concurrencylab.interleavings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.concurrencylab.interleavings.Trace.TraceStep;

/**
 * A schedule as SVG: one lane per thread with a box for each step it takes, in the column of its
 * position in the schedule, then one lane per shared variable (and per lock) with its value after
 * each step, so the step where a value is overwritten or a lock is waited for forever shows.
 *
 * <p>Hand-written like the timeline and study charts: boxes and text need no charting library.
 */
public final class ScheduleChart {

    private static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73"};
    private static final int LEFT = 120;
    private static final int RIGHT = 30;
    private static final int TOP = 84;
    private static final int BOTTOM = 94;
    private static final int COLUMN = 116;
    private static final int LANE = 44;
    private static final int VALUE_LANE = 26;
    private static final int MIN_WIDTH = 760;

    private ScheduleChart() {}

    /**
     * @param what which schedule this is, e.g. "shortest failing schedule"
     */
    public static String render(Setup setup, Trace trace, String what) {
        List<TraceStep> steps = trace.steps();
        List<String> shared = setup.program().sharedNames();
        List<String> locks = setup.strategy() == Strategy.LOCK ? setup.program().lockNames() : List.of();
        int threads = setup.threads();
        double plotW = Math.max(steps.size(), 1) * COLUMN;
        int width = (int) Math.max(MIN_WIDTH, LEFT + plotW + RIGHT);
        int valuesTop = TOP + threads * LANE;
        int plotBottom = valuesTop + (shared.size() + locks.size()) * VALUE_LANE;
        int height = plotBottom + BOTTOM;

        String ending = trace.outcome() == null ? "unfinished (" + (trace.runnable().size() == 1 ? "thread " : "threads ")
                + join(trace.runnable()) + " could step next)"
                : trace.outcome() + (Boolean.TRUE.equals(trace.correct()) ? " (correct)"
                        : " (wrong; expected " + setup.program().expected(setup.threads()) + ")");
        String title = setup.label() + ": " + what + " ends " + ending;
        String headline = Character.toUpperCase(what.charAt(0)) + what.substring(1) + ": ends " + ending;
        StringBuilder svg = new StringBuilder();
        svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">\n", width, height, width, height));
        svg.append(f("<title>%s</title>\n", esc(title)));
        svg.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width, height));
        svg.append(f("<text x=\"20\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>\n",
                esc(setup.label())));
        svg.append(f("<text x=\"20\" y=\"44\">%s</text>\n", esc(headline)));
        svg.append(f("<text x=\"20\" y=\"62\" fill=\"#555\">%s</text>\n", esc("Schedule " + join(trace.schedule())
                + ": " + Exploration.count(steps.size(), "step") + ", "
                + Exploration.count(trace.contextSwitches(), "context switch"))));

        for (int t = 0; t < threads; t++) {
            double y = TOP + t * LANE;
            if (t % 2 == 1) {
                svg.append(f("<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"#f6f6f6\"/>\n", LEFT, y,
                        plotW, LANE));
            }
            svg.append(f("<text class=\"lane-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-weight=\"bold\">"
                    + "thread %d</text>\n", LEFT - 10, y + LANE / 2.0 + 4, t + 1));
        }
        List<String> valueLanes = new ArrayList<>(shared);
        locks.forEach(lock -> valueLanes.add(lock + " held by"));
        for (int v = 0; v < valueLanes.size(); v++) {
            double y = valuesTop + v * VALUE_LANE;
            svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", LEFT, y, LEFT + plotW,
                    y));
            svg.append(f("<text class=\"lane-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 10,
                    y + VALUE_LANE / 2.0 + 4, esc(v < shared.size() ? "shared " + valueLanes.get(v) : valueLanes.get(v))));
        }

        for (int i = 0; i < steps.size(); i++) {
            TraceStep step = steps.get(i);
            double x = LEFT + i * COLUMN;
            for (int blocked : step.blocked()) {
                svg.append(f("<rect class=\"waiting\" x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" fill=\"none\" "
                        + "stroke=\"#999\" stroke-dasharray=\"4 3\"><title>thread %d waits for a lock</title></rect>\n",
                        x + 4, TOP + (blocked - 1) * LANE + 5.0, COLUMN - 8, LANE - 10, blocked));
                svg.append(f("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#999\">waits</text>\n",
                        x + COLUMN / 2.0, TOP + (blocked - 1) * LANE + LANE / 2.0 + 4));
            }
            int lane = step.thread() - 1;
            double y = TOP + lane * LANE + 4;
            String locals = locals(step.locals().get(lane));
            svg.append(f("<g class=\"step\" data-thread=\"%d\"><title>%s</title>\n", step.thread(), esc("step "
                    + step.position() + ", thread " + step.thread() + ": " + step.code()
                    + (locals.isEmpty() ? "" : " -> " + locals))));
            svg.append(f("<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" rx=\"4\" fill=\"%s\" "
                    + "fill-opacity=\"0.85\"/>\n", x + 3, y, COLUMN - 6, LANE - 8, COLOURS[lane % COLOURS.length]));
            svg.append(f("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"white\" font-weight=\"bold\" "
                    + "font-size=\"11\">%s</text>\n", x + COLUMN / 2.0, y + 15, esc(step.step())));
            svg.append(f("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"white\" font-size=\"11\">%s</text>\n",
                    x + COLUMN / 2.0, y + 30, esc(locals)));
            svg.append("</g>\n");

            for (int v = 0; v < valueLanes.size(); v++) {
                Object value = v < shared.size() ? step.shared().get(shared.get(v))
                        : holder(step.locks().get(locks.get(v - shared.size())));
                // Shared values the step wrote, and locks it took or released, in its thread's colour.
                boolean touched = v < shared.size() ? step.wrote().contains(shared.get(v))
                        : step.step().endsWith(" " + locks.get(v - shared.size()));
                svg.append(f("<text class=\"value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\"%s>%s</text>\n",
                        x + COLUMN / 2.0, valuesTop + v * VALUE_LANE + VALUE_LANE / 2.0 + 4,
                        touched ? " font-weight=\"bold\" fill=\"" + COLOURS[lane % COLOURS.length] + "\""
                                : " fill=\"#555\"", esc(String.valueOf(value))));
            }
        }

        // Step axis: one tick per position.
        svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>\n", LEFT, plotBottom,
                LEFT + plotW, plotBottom));
        for (int i = 0; i < steps.size(); i++) {
            double x = LEFT + i * COLUMN + COLUMN / 2.0;
            svg.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>\n", x, plotBottom, x,
                    plotBottom + 5));
            svg.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n", x, plotBottom + 19, i + 1));
        }
        svg.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", LEFT + plotW / 2,
                plotBottom + 40, steps.isEmpty() ? "No steps taken yet" : "Position in the schedule (step 1 runs first)"));
        svg.append(f("<text x=\"20\" y=\"%d\" fill=\"#555\">%s</text>\n", plotBottom + 62, esc("A box is one step, with its "
                + "thread's locals after it; coloured values were written (or locks taken) by that step.")));
        if (Outcome.DEADLOCK.equals(trace.outcome())) {
            svg.append(f("<text class=\"deadlock\" x=\"20\" y=\"%d\" fill=\"#D55E00\" font-weight=\"bold\">%s</text>\n",
                    plotBottom + 82, esc("DEADLOCK: no thread can step; each waiting thread needs a lock "
                            + "another waiting thread holds")));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String holder(Integer thread) {
        return thread == null ? "-" : "thread " + thread;
    }

    private static String locals(Map<String, Integer> locals) {
        return locals.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static String join(List<Integer> threads) {
        return threads.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
