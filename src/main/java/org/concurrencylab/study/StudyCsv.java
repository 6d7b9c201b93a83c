package org.concurrencylab.study;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The study table as RFC 4180 CSV: a header row, one row per cell, CRLF line ends. */
final class StudyCsv {

    static final List<String> HEADER = List.of("model", "parallelism", "experiment_id", "status", "median_wall_ms",
            "throughput_per_s", "baseline_median_wall_ms", "speedup", "speedup_ci95_low", "speedup_ci95_high",
            "efficiency", "serial_fraction");

    private StudyCsv() {}

    static String render(StudyReport report) {
        StringBuilder csv = new StringBuilder(line(HEADER.stream()));
        for (StudyReport.Row row : report.table()) {
            csv.append(line(Stream.of(row.model().name(), Integer.toString(row.parallelism()), row.experimentId(),
                    row.status().name(), number(row.medianWallMillis()), number(row.throughputPerSecond()),
                    number(row.baselineMedianWallMillis()), number(row.speedup()), number(row.speedupCi95Low()),
                    number(row.speedupCi95High()), number(row.efficiency()), number(row.serialFraction()))));
        }
        return csv.toString();
    }

    private static String line(Stream<String> fields) {
        return fields.map(StudyCsv::field).collect(Collectors.joining(",")) + "\r\n";
    }

    /** Quoted when it holds a comma, quote or line break; quotes inside doubled. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    /** Plain decimal notation (no exponent) with a dot, whatever the locale: every spreadsheet reads it. */
    private static String number(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? "" : BigDecimal.valueOf(value).toPlainString();
    }
}
