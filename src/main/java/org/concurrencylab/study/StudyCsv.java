package org.concurrencylab.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.concurrencylab.measure.AmdahlFit;
import org.concurrencylab.measure.Csv;
import org.concurrencylab.measure.UslFit;

/**
 * The study table as RFC 4180 CSV: a header row, one row per cell, CRLF line ends. A column per
 * swept param follows parallelism; the model's fitted laws are repeated on each of its rows, so a
 * spreadsheet filter on one model shows its fit beside its cells.
 */
final class StudyCsv {

    static final List<String> CELL_COLUMNS = List.of("experiment_id", "status", "tasks", "median_wall_ms",
            "throughput_per_s", "baseline_median_wall_ms", "speedup", "speedup_ci95_low", "speedup_ci95_high",
            "efficiency", "serial_fraction", "weak_scaling_efficiency");

    static final List<String> FIT_COLUMNS = List.of("amdahl_serial_fraction", "amdahl_ci95_low", "amdahl_ci95_high",
            "amdahl_r_squared", "usl_sigma", "usl_sigma_ci95_low", "usl_sigma_ci95_high", "usl_kappa",
            "usl_kappa_ci95_low", "usl_kappa_ci95_high", "usl_lambda", "usl_peak_parallelism", "usl_r_squared");

    private StudyCsv() {}

    /** model, parallelism, the swept params by name, then {@link #CELL_COLUMNS} and {@link #FIT_COLUMNS}. */
    static List<String> header(StudyReport report) {
        List<String> header = new ArrayList<>(List.of("model", "parallelism"));
        if (report.sweep() != null) {
            header.addAll(report.sweep().keySet());
        }
        header.addAll(CELL_COLUMNS);
        header.addAll(FIT_COLUMNS);
        return header;
    }

    static String render(StudyReport report) {
        StringBuilder csv = new StringBuilder(line(header(report).stream()));
        List<String> swept = report.sweep() == null ? List.of() : List.copyOf(report.sweep().keySet());
        for (StudyReport.Row row : report.table()) {
            List<String> fields = new ArrayList<>(List.of(row.model().name(), Integer.toString(row.parallelism())));
            for (String param : swept) {
                fields.add(row.params() == null ? "" : Objects.toString(row.params().get(param), ""));
            }
            fields.addAll(List.of(row.experimentId(), row.status().name(), Integer.toString(row.tasks()),
                    number(row.medianWallMillis()), number(row.throughputPerSecond()),
                    number(row.baselineMedianWallMillis()), number(row.speedup()), number(row.speedupCi95Low()),
                    number(row.speedupCi95High()), number(row.efficiency()), number(row.serialFraction()),
                    number(row.weakScalingEfficiency())));
            fields.addAll(fitFields(fitOf(report, row)));
            csv.append(line(fields.stream()));
        }
        return csv.toString();
    }

    private static StudyReport.Fit fitOf(StudyReport report, StudyReport.Row row) {
        if (report.fits() == null) {
            return null;
        }
        return report.fits().stream()
                .filter(f -> f.model() == row.model() && Objects.equals(f.params(), row.params()))
                .findFirst().orElse(null);
    }

    private static List<String> fitFields(StudyReport.Fit fit) {
        AmdahlFit a = fit == null ? null : fit.amdahl();
        UslFit u = fit == null ? null : fit.usl();
        return List.of(
                number(a == null ? null : a.serialFraction()), number(a == null ? null : a.ci95Low()),
                number(a == null ? null : a.ci95High()), number(a == null ? null : a.rSquared()),
                number(u == null ? null : u.sigma()), number(u == null ? null : u.sigmaCi95Low()),
                number(u == null ? null : u.sigmaCi95High()), number(u == null ? null : u.kappa()),
                number(u == null ? null : u.kappaCi95Low()), number(u == null ? null : u.kappaCi95High()),
                number(u == null ? null : u.lambda()), number(u == null ? null : u.peakParallelism()),
                number(u == null ? null : u.rSquared()));
    }

    private static String line(Stream<String> fields) {
        return Csv.line(fields);
    }

    /** Quoted when it holds a comma, quote or line break; quotes inside doubled (see {@link Csv#field}). */
    static String field(String value) {
        return Csv.field(value);
    }

    private static String number(Double value) {
        return Csv.number(value);
    }
}
