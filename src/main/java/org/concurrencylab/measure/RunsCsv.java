package org.concurrencylab.measure;

import java.util.List;
import java.util.stream.Stream;

/** An experiment's runs as RFC 4180 CSV: a header row, one row per run in the order they ran, CRLF line ends. */
public final class RunsCsv {

    public static final List<String> HEADER = List.of("index", "warmup", "baseline", "model", "wall_ms", "cpu_ms",
            "tasks", "throughput_per_s", "task_p50_ms", "task_p90_ms", "task_p99_ms", "task_max_ms", "queue_wait_p50_ms", "queue_wait_p99_ms", "startup_ms",
            "checksum");

    private RunsCsv() {}

    /** The header alone when there is no result (an experiment that stopped before any run finished). */
    public static String render(ExperimentResult result) {
        StringBuilder csv = new StringBuilder(Csv.line(HEADER.stream()));
        List<RunResult> runs = result == null || result.runs() == null ? List.of() : result.runs();
        for (RunResult run : runs) {
            Percentiles task = run.taskMillis() == null ? Percentiles.EMPTY : run.taskMillis();
            Percentiles wait = run.queueWaitMillis();
            csv.append(Csv.line(Stream.of(Integer.toString(run.index()), Boolean.toString(run.warmup()),
                    Boolean.toString(run.baseline()), run.model(), Csv.number(run.wallMillis()),
                    Csv.number(run.cpuMillis()), Integer.toString(run.tasks()),
                    Csv.number(run.throughputPerSecond()), Csv.number(task.p50()), Csv.number(task.p90()),
                    Csv.number(task.p99()), Csv.number(task.max()),
                    Csv.number(wait == null ? null : wait.p50()), Csv.number(wait == null ? null : wait.p99()),
                    Csv.number(run.startupMillis()),
                    Long.toString(run.checksum()))));
        }
        return csv.toString();
    }
}
