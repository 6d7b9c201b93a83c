package org.concurrencylab.study;

import static org.concurrencylab.study.StudyChart.esc;
import static org.concurrencylab.study.StudyChart.f;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A swept study as SVG. One swept param: speedup against the param's values, a line per model and
 * parallelism, with 95% error bars and the no-speedup line at 1. Two: a heatmap per model and
 * parallelism, the first param across, the second down, each square coloured and labelled with its
 * speedup. The swept values are placed evenly, in the order given, rather than to scale: sweeps are
 * often geometric (0, 4, 16, 64) and start at 0, which neither a linear nor a log axis shows well.
 */
final class StudySweepChart {

    private static final int WIDTH = 800;
    private static final int LEFT = 70;
    private static final int RIGHT = 250;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final int PLOT_HEIGHT = 370;

    private StudySweepChart() {}

    /** A line or a heatmap: the rows of one model at one parallelism. */
    private record Series(String label, String model, List<StudyReport.Row> rows) {}

    static String render(StudyReport report) {
        List<String> params = List.copyOf(report.sweep().keySet());
        List<Series> series = series(report);
        return params.size() == 1 ? lines(report, params.getFirst(), series) : heatmaps(report, params, series);
    }

    private static List<Series> series(StudyReport report) {
        List<Series> series = new ArrayList<>();
        for (StudyReport.Row row : report.table()) {
            String label = row.model() + " x" + row.parallelism();
            Series existing = series.stream().filter(s -> s.label().equals(label)).findFirst().orElse(null);
            if (existing == null) {
                existing = new Series(label, row.model().name(), new ArrayList<>());
                series.add(existing);
            }
            existing.rows().add(row);
        }
        return series;
    }

    private static String lines(StudyReport report, String param, List<Series> series) {
        List<Object> values = report.sweep().get(param);
        double plotW = WIDTH - LEFT - RIGHT;
        double highest = 1;
        for (StudyReport.Row row : report.table()) {
            highest = Math.max(highest, Math.max(orZero(row.speedup()), orZero(row.speedupCi95High())));
        }
        double yMax = StudyChart.niceCeiling(highest * 1.05);
        double gap = plotW / Math.max(1, values.size());
        java.util.function.IntToDoubleFunction x = i -> LEFT + gap * (i + 0.5);
        java.util.function.DoubleUnaryOperator y = v -> TOP + PLOT_HEIGHT - v / yMax * PLOT_HEIGHT;
        StringBuilder svg = open(WIDTH, TOP + PLOT_HEIGHT + BOTTOM, "Speedup versus " + param + ": " + report.name(),
                "Speedup vs " + param + ": " + report.name() + " (" + report.workloadKind() + ")");
        for (int i = 0; i < values.size(); i++) {
            svg.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x.applyAsDouble(i),
                    TOP + PLOT_HEIGHT + 19, esc(String.valueOf(values.get(i)))));
        }
        double step = StudyChart.tickStep(yMax);
        for (double v = 0; v <= yMax + 1e-9; v += step) {
            double py = y.applyAsDouble(v);
            svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT, py, LEFT + plotW, py, LEFT - 8,
                    py + 4, StudyChart.label(v)));
        }
        svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/><line x1=\"%d\" y1=\"%d\" "
                + "x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", LEFT, TOP + PLOT_HEIGHT, LEFT + plotW, TOP + PLOT_HEIGHT,
                LEFT, TOP, LEFT, TOP + PLOT_HEIGHT));
        axisLabels(svg, param, "Speedup over sequential baseline (x)", LEFT + plotW / 2, TOP + PLOT_HEIGHT,
                TOP + PLOT_HEIGHT / 2.0);
        svg.append(f("<polyline class=\"no-speedup\" fill=\"none\" stroke=\"#999\" stroke-dasharray=\"6 4\" "
                + "points=\"%d,%.1f %.1f,%.1f\"/>\n", LEFT, y.applyAsDouble(1), LEFT + plotW, y.applyAsDouble(1)));
        for (int s = 0; s < series.size(); s++) {
            String colour = StudyChart.COLOURS[s % StudyChart.COLOURS.length];
            List<String> points = new ArrayList<>();
            StringBuilder marks = new StringBuilder();
            for (int i = 0; i < values.size(); i++) {
                StudyReport.Row row = at(series.get(s), Map.of(param, values.get(i)));
                if (row == null || row.speedup() == null) {
                    continue;
                }
                double px = x.applyAsDouble(i);
                double py = y.applyAsDouble(row.speedup());
                points.add(f("%.1f,%.1f", px, py));
                if (row.speedupCi95Low() != null && row.speedupCi95High() != null) {
                    marks.append(f("<line class=\"error-bar\" stroke=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                            + "y2=\"%.1f\"/>\n", colour, px, y.applyAsDouble(row.speedupCi95Low()), px,
                            y.applyAsDouble(row.speedupCi95High())));
                }
                marks.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s</title></circle>\n", px,
                        py, colour, esc(series.get(s).label() + ", " + param + "=" + values.get(i) + ": "
                                + row.speedup() + "x")));
            }
            svg.append(f("<polyline class=\"series\" data-model=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
                    + "points=\"%s\"/>\n", series.get(s).model(), colour, String.join(" ", points)));
            svg.append(marks);
            double ly = TOP + 10 + s * 22;
            svg.append(f("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", LEFT + plotW + 20, ly, LEFT + plotW + 44, ly, colour,
                    LEFT + plotW + 50, ly + 4, esc(series.get(s).label())));
        }
        svg.append(f("<text x=\"%.1f\" y=\"%d\" fill=\"#555\">dashed: no speedup (1x)</text>\n", LEFT + plotW + 20,
                TOP + 10 + series.size() * 22 + 4));
        return svg.append("</svg>\n").toString();
    }

    /** Squares from white (no speedup or less) to blue (the highest speedup measured). */
    private static String heatmaps(StudyReport report, List<String> params, List<Series> series) {
        List<Object> across = report.sweep().get(params.get(0));
        List<Object> down = report.sweep().get(params.get(1));
        int cell = Math.max(24, Math.min(60, 480 / Math.max(across.size(), down.size())));
        int panelHeight = TOP + down.size() * cell + BOTTOM;
        double highest = report.table().stream().mapToDouble(r -> orZero(r.speedup())).max().orElse(1);
        StringBuilder svg = open(Math.max(WIDTH, LEFT + across.size() * cell + RIGHT), panelHeight * series.size(),
                "Speedup by " + params.get(0) + " and " + params.get(1) + ": " + report.name(),
                "Speedup by " + params.get(0) + " and " + params.get(1) + ": " + report.name());
        for (int s = 0; s < series.size(); s++) {
            int top = s * panelHeight + TOP;
            svg.append(f("<g class=\"heatmap\" data-model=\"%s\">\n<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s"
                    + "</text>\n", series.get(s).model(), LEFT, top - 8, esc(series.get(s).label())));
            for (int i = 0; i < across.size(); i++) {
                svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", LEFT + i * cell + cell / 2,
                        top + down.size() * cell + 16, esc(String.valueOf(across.get(i)))));
                for (int j = 0; j < down.size(); j++) {
                    StudyReport.Row row = at(series.get(s), Map.of(params.get(0), across.get(i), params.get(1),
                            down.get(j)));
                    Double speedup = row == null ? null : row.speedup();
                    double share = speedup == null || highest <= 1 ? 0 : Math.max(0, (speedup - 1) / (highest - 1));
                    String fill = speedup == null ? "#ddd" : f("rgb(%d,%d,255)", 255 - (int) (share * 255 * 0.9),
                            255 - (int) (share * 255 * 0.6));
                    svg.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"white\"/>"
                            + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%s</text>\n",
                            LEFT + i * cell, top + j * cell, cell, cell, fill, LEFT + i * cell + cell / 2,
                            top + j * cell + cell / 2 + 4, speedup == null ? "-" : StudyChart.label(speedup)));
                }
            }
            for (int j = 0; j < down.size(); j++) {
                svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", LEFT - 6,
                        top + j * cell + cell / 2 + 4, esc(String.valueOf(down.get(j)))));
            }
            axisLabels(svg, params.get(0), params.get(1), LEFT + across.size() * cell / 2.0,
                    top + down.size() * cell, top + down.size() * cell / 2.0);
            svg.append("</g>\n");
        }
        svg.append(f("<text x=\"%d\" y=\"%d\" fill=\"#555\">numbers: speedup over the sequential baseline (x)</text>\n",
                WIDTH - RIGHT + 10, TOP));
        return svg.append("</svg>\n").toString();
    }

    /** The series' row at these swept values; the values compare as text (the request's 4, the stored 4L). */
    private static StudyReport.Row at(Series series, Map<String, Object> values) {
        return series.rows().stream()
                .filter(r -> r.params() != null && values.entrySet().stream().allMatch(v ->
                        Objects.toString(r.params().get(v.getKey())).equals(Objects.toString(v.getValue()))))
                .findFirst().orElse(null);
    }

    private static StringBuilder open(int width, int height, String title, String heading) {
        StringBuilder svg = new StringBuilder();
        svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">\n", width, height, width, height));
        svg.append(f("<title>%s</title>\n", esc(title)));
        svg.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width, height));
        svg.append(f("<text x=\"%d\" y=\"28\" font-size=\"16\" font-weight=\"bold\">%s</text>\n", LEFT, esc(heading)));
        return svg;
    }

    private static void axisLabels(StringBuilder svg, String xLabel, String yLabel, double xCentre, double bottom,
            double yCentre) {
        svg.append(f("<text class=\"x-label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", xCentre,
                bottom + 40, esc(xLabel)));
        svg.append(f("<text class=\"y-label\" x=\"18\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 18 "
                + "%.1f)\">%s</text>\n", yCentre, yCentre, esc(yLabel)));
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
