package org.concurrencylab.study;

import java.util.List;
import java.util.stream.Stream;
import org.concurrencylab.measure.Csv;

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
