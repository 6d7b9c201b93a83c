package org.concurrencylab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * The class's measured speedups as a dot plot: one dot per student, stacked in bins along the
 * speedup axis (a histogram whose bars are people), with the "no gain" line at 1x, the ideal at the
 * lesson's parallelism and the class median. Hand-written SVG like the lab's other charts: a few
 * circles and lines need no charting library.
 */
final class SpreadChart {

    /** One student's speedup. */
    record Point(String student, double speedup) {}

    private static final int WIDTH = 720;
    private static final int LEFT = 60;
    private static final int RIGHT = 30;
    private static final int TOP = 84;
    private static final int BOTTOM = 56;
    private static final int DOT = 18;
    private static final int BINS = 24;

    private SpreadChart() {}

    static String render(String title, List<Point> points, Integer parallelism) {
        double top = Math.max(parallelism == null ? 1 : parallelism, points.stream().mapToDouble(Point::speedup).max()
                .orElse(1));
        double xMax = Math.ceil(top * 1.1 * 2) / 2;
        double binWidth = xMax / BINS;
        int[] heights = new int[BINS + 1];
        List<double[]> dots = new ArrayList<>();
        for (Point point : points) {
            int bin = (int) Math.min(BINS, Math.floor(point.speedup() / binWidth));
            dots.add(new double[] {bin, heights[bin]++});
        }
        int tallest = Math.max(3, java.util.Arrays.stream(heights).max().orElse(1));
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = tallest * DOT + DOT;
        int height = (int) (TOP + plotH + BOTTOM);
        double axisY = TOP + plotH;
        StringBuilder svg = new StringBuilder();
        svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-labelledby=\"spread-title\">\n",
                WIDTH, height, WIDTH, height));
        svg.append(f("<title id=\"spread-title\">%s</title>\n", esc(title)));
        svg.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", WIDTH, height));
        svg.append(f("<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>\n", LEFT, esc(title)));
        svg.append(f("<text x=\"%d\" y=\"40\" fill=\"#555\">%s</text>\n", LEFT, esc(points.size() + " student"
                + (points.size() == 1 ? "" : "s") + ", each dot one student's latest successful run")));
        // Axes, ticks and labels.
        svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>\n", LEFT, axisY,
                LEFT + plotW, axisY));
        svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>\n", LEFT, TOP, LEFT, axisY));
        double step = xMax <= 4 ? 0.5 : xMax <= 10 ? 1 : Math.ceil(xMax / 10);
        for (double tick = 0; tick <= xMax + 1e-9; tick += step) {
            double x = LEFT + tick / xMax * plotW;
            svg.append(f("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>\n", x, axisY, x,
                    axisY + 5));
            svg.append(f("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", x, axisY + 18, num(tick)));
        }
        for (int count = 0; count <= tallest; count += Math.max(1, tallest / 4)) {
            double y = axisY - count * DOT;
            svg.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n", LEFT - 8, y + 4, count));
        }
        svg.append(f("<text class=\"x-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">speedup over the sequential "
                + "baseline (x)</text>\n", LEFT + plotW / 2, height - 12));
        svg.append(f("<text class=\"y-label\" x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">"
                + "students</text>\n", TOP + plotH / 2, TOP + plotH / 2));
        // Reference lines: no gain, the ideal, the class median.
        marker(svg, 1, xMax, plotW, axisY, "#999", "1x: no gain", TOP - 26);
        if (parallelism != null && parallelism > 1) {
            marker(svg, parallelism, xMax, plotW, axisY, "#009E73", "ideal " + parallelism + "x", TOP - 26);
        }
        if (!points.isEmpty()) {
            double[] sorted = points.stream().mapToDouble(Point::speedup).sorted().toArray();
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            // Under the others' labels, so that a median near 1x or the ideal stays readable.
            marker(svg, median, xMax, plotW, axisY, "#D55E00", "median " + num(median) + "x", TOP - 10);
        }
        for (int i = 0; i < points.size(); i++) {
            double cx = LEFT + (dots.get(i)[0] + 0.5) * binWidth / xMax * plotW;
            double cy = axisY - (dots.get(i)[1] + 0.5) * DOT;
            svg.append(f("<circle class=\"student\" cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"#0072B2\" "
                    + "fill-opacity=\"0.8\"><title>%s: %sx</title></circle>\n", cx, cy, DOT / 2 - 1,
                    esc(points.get(i).student()), num(points.get(i).speedup())));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void marker(StringBuilder svg, double at, double xMax, double plotW, double axisY, String colour,
            String label, int labelY) {
        double x = LEFT + Math.min(at, xMax) / xMax * plotW;
        svg.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"4 3\"/>\n",
                x, TOP - 4, x, axisY, colour));
        svg.append(f("<text x=\"%.1f\" y=\"%d\" fill=\"%s\" text-anchor=\"middle\">%s</text>\n", x, labelY, colour,
                esc(label)));
    }

    private static String num(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
