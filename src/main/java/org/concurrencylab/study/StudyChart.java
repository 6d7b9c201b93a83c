package org.concurrencylab.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.concurrencylab.core.ExecutionModel;

/**
 * Speedup versus parallelism as SVG: one line per model through its measured points, error bars
 * from each cell's 95% speedup interval, the fitted Amdahl (dashed) and USL (dotted) curves of
 * models with a fit, the ideal line (speedup = parallelism), ticks, axis labels, legend and title.
 * The USL is fitted to throughputs; it is drawn as the speedup it implies, X(N) / X(1), so both laws
 * share the speedup axis with the measured points.
 *
 * <p>Written by hand rather than with a charting library: the chart is one fixed kind of line plot,
 * a few dozen elements, and SVG is plain XML that every browser renders; a library (JFreeChart,
 * Batik and the like) would bring megabytes of AWT-bound code for what a hundred lines do.
 */
final class StudyChart {

    /** Okabe-Ito: distinct for colour-blind readers too, one colour per model (at most 7). */
    static final String[] COLOURS =
            {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"};

    private static final int WIDTH = 800;
    private static final int HEIGHT = 480;
    private static final int LEFT = 70;
    private static final int RIGHT = 250;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private StudyChart() {}

    static String render(StudyReport report) {
        List<Integer> ps = report.parallelism().stream().sorted().toList();
        double xMin = Math.min(1, ps.getFirst());
        double xMax = Math.max(ps.getLast(), xMin + 1);
        double highest = xMax;
        for (StudyReport.Row row : report.table()) {
            highest = Math.max(highest, max(row.speedup(), row.speedupCi95High()));
        }
        double yMax = niceCeiling(highest * 1.05);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        Scale x = v -> LEFT + (v - xMin) / (xMax - xMin) * plotW;
        Scale y = v -> TOP + plotH - v / yMax * plotH;

        StringBuilder svg = new StringBuilder();
        svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">\n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(f("<title>%s</title>\n", esc("Speedup versus parallelism: " + report.name())));
        svg.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", WIDTH, HEIGHT));
        svg.append(f("<text x=\"%d\" y=\"28\" font-size=\"16\" font-weight=\"bold\">%s</text>\n", LEFT,
                esc("Speedup vs parallelism: " + report.name() + " (" + report.workloadKind() + ")")));

        // Grid, ticks and tick labels.
        for (int p : ps) {
            double px = x.at(p);
            svg.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>\n", px, TOP, px, TOP + plotH));
            svg.append(f("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>\n", px, TOP + plotH, px,
                    TOP + plotH + 5));
            svg.append(f("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>\n", px, TOP + plotH + 19, p));
        }
        double step = tickStep(yMax);
        for (double v = 0; v <= yMax + 1e-9; v += step) {
            double py = y.at(v);
            svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>\n", LEFT, py, LEFT + plotW, py));
            svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>\n", LEFT - 5, py, LEFT, py));
            svg.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 8, py + 4, label(v)));
        }
        // Axes and their labels.
        svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>\n", LEFT, TOP + plotH,
                LEFT + plotW, TOP + plotH));
        svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>\n", LEFT, TOP, LEFT, TOP + plotH));
        svg.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">Parallelism (threads or workers)</text>\n",
                LEFT + plotW / 2, HEIGHT - 15));
        svg.append(f("<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\">"
                + "Speedup over sequential baseline (x)</text>\n", TOP + plotH / 2, TOP + plotH / 2));

        // The ideal: speedup equal to parallelism.
        svg.append(f("<polyline class=\"ideal\" fill=\"none\" stroke=\"#999\" stroke-width=\"1.5\" "
                + "stroke-dasharray=\"6 4\" points=\"%.1f,%.1f %.1f,%.1f\"/>\n",
                x.at(xMin), y.at(xMin), x.at(Math.min(xMax, yMax)), y.at(Math.min(xMax, yMax))));

        // One line per model, with error bars and points.
        List<ExecutionModel> models = report.models();
        for (int m = 0; m < models.size(); m++) {
            ExecutionModel model = models.get(m);
            String colour = COLOURS[m % COLOURS.length];
            List<String> points = new ArrayList<>();
            StringBuilder marks = new StringBuilder();
            for (int p : ps) {
                StudyReport.Row row = report.table().stream()
                        .filter(r -> r.model() == model && r.parallelism() == p).findFirst().orElse(null);
                if (row == null || row.speedup() == null) {
                    continue;
                }
                double px = x.at(p);
                double py = y.at(row.speedup());
                points.add(f("%.1f,%.1f", px, py));
                if (row.speedupCi95Low() != null && row.speedupCi95High() != null) {
                    double lo = y.at(row.speedupCi95Low());
                    double hi = y.at(row.speedupCi95High());
                    marks.append(f("<g class=\"error-bar\" stroke=\"%s\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                            + "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                            + "y2=\"%.1f\"/></g>\n", colour, px, lo, px, hi, px - 4, lo, px + 4, lo, px - 4, hi, px + 4, hi));
                }
                marks.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s</title></circle>\n",
                        px, py, colour, esc(model + " at " + p + ": " + row.speedup() + "x"
                                + (row.speedupCi95Low() == null ? "" : " (95% " + row.speedupCi95Low() + " to "
                                        + row.speedupCi95High() + ")"))));
            }
            svg.append(f("<polyline class=\"series\" data-model=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
                    + "points=\"%s\"/>\n", model, colour, String.join(" ", points)));
            svg.append(marks);
        }

        // The fitted laws, sampled finely enough to look smooth across the measured range.
        List<StudyReport.Fit> fits = report.fits() == null ? List.of() : report.fits();
        for (StudyReport.Fit fit : fits) {
            String colour = COLOURS[Math.max(0, models.indexOf(fit.model())) % COLOURS.length];
            if (fit.amdahl().serialFraction() != null) {
                svg.append(curve("fit-amdahl", fit.model(), colour, "6 3", xMin, xMax, x, y, yMax,
                        fit.amdahl()::speedupAt));
            }
            if (fit.usl().sigma() != null) {
                double one = fit.usl().throughputAt(1);
                svg.append(curve("fit-usl", fit.model(), colour, "1.5 3", xMin, xMax, x, y, yMax,
                        n -> fit.usl().throughputAt(n) / one));
            }
        }

        // Legend, right of the plot.
        double lx = LEFT + plotW + 20;
        svg.append(f("<g class=\"legend\">\n"));
        for (int m = 0; m < models.size(); m++) {
            double ly = TOP + 10 + m * 22;
            svg.append(f("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", lx, ly, lx + 24, ly, COLOURS[m % COLOURS.length],
                    lx + 30, ly + 4, esc(models.get(m).name())));
        }
        double ly = TOP + 10 + models.size() * 22;
        svg.append(f("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" stroke-width=\"1.5\" "
                + "stroke-dasharray=\"6 4\"/><text x=\"%.1f\" y=\"%.1f\">ideal (speedup = parallelism)</text>\n",
                lx, ly, lx + 24, ly, lx + 30, ly + 4));
        if (!fits.isEmpty()) {
            ly += 22;
            svg.append(f("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\" stroke-dasharray=\"6 3\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\">fitted Amdahl</text>\n", lx, ly, lx + 24, ly, lx + 30, ly + 4));
            ly += 22;
            svg.append(f("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\" stroke-dasharray=\"1.5 3\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\">fitted USL, X(N)/X(1)</text>\n", lx, ly, lx + 24, ly, lx + 30, ly + 4));
        }
        svg.append(f("<text x=\"%.1f\" y=\"%.1f\" fill=\"#555\">bars: 95%% interval</text>\n", lx, ly + 26));
        svg.append("</g>\n</svg>\n");
        return svg.toString();
    }

    private interface Scale {
        double at(double value);
    }

    /** A path, not a polyline: polylines are the measured series, and readers of the SVG count them. */
    private static String curve(String kind, ExecutionModel model, String colour, String dashes, double xMin,
            double xMax, Scale x, Scale y, double yMax, java.util.function.DoubleUnaryOperator speedup) {
        StringBuilder d = new StringBuilder();
        int steps = 60;
        for (int i = 0; i <= steps; i++) {
            double n = xMin + (xMax - xMin) * i / steps;
            double value = Math.max(0, Math.min(yMax, speedup.applyAsDouble(n)));
            d.append(i == 0 ? "M" : " L").append(f("%.1f,%.1f", x.at(n), y.at(value)));
        }
        return f("<path class=\"%s\" data-model=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" "
                + "stroke-dasharray=\"%s\" d=\"%s\"/>\n", kind, model, colour, dashes, d);
    }

    private static double max(Double a, Double b) {
        return Math.max(a == null ? 0 : a, b == null ? 0 : b);
    }

    static double niceCeiling(double v) {
        double step = tickStep(v);
        return Math.max(step, Math.ceil(v / step) * step);
    }

    /** About five ticks at 1, 2 or 5 times a power of ten. */
    static double tickStep(double range) {
        double raw = range / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double n = raw / magnitude;
        return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * magnitude;
    }

    static String label(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
