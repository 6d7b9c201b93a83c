package org.concurrencylab.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.experiment.ExperimentStatus;
import org.concurrencylab.lesson.Lesson;
import org.concurrencylab.measure.Summary;
import org.concurrencylab.security.LabUser;

/**
 * A class's runs of one lesson, one row per student: the latest run that succeeded (else the latest
 * run), how many runs, and the numbers the lesson points at.
 *
 * @param columns the lesson's observations shown as columns (its summary fields have their own)
 * @param parallelism what the lesson's speedups could ideally reach, or null without a run
 */
record ClassResults(List<Row> rows, List<String> columns, List<SpreadChart.Point> speedups, Integer parallelism) {

    /** What the summary columns show; every other focus name is an observation. */
    private static final Set<String> SUMMARY = Set.of("speedup", "efficiency", "wallMillis", "outcomes",
            "startupMillis");

    /**
     * @param shown the run the row stands for: the latest that succeeded, else the latest; null: none yet
     */
    record Row(String student, int runs, Experiment shown, String speedup, String efficiency, String wallMillis,
            List<String> observations) {}

    static ClassResults of(Lesson lesson, List<LabUser> students, List<Experiment> newestFirst) {
        List<String> columns = lesson.focus().stream().filter(name -> !SUMMARY.contains(name)).toList();
        Map<String, String> owners = new LinkedHashMap<>();
        students.forEach(student -> owners.put(student.id(), student.name()));
        for (Experiment run : newestFirst) {
            if (run.owner() != null) {
                owners.putIfAbsent(run.owner().id(), run.owner().name());
            }
        }
        List<Row> rows = new ArrayList<>();
        List<SpreadChart.Point> speedups = new ArrayList<>();
        Integer parallelism = newestFirst.isEmpty() ? null : newestFirst.getFirst().spec().effectiveParallelism();
        owners.forEach((id, name) -> {
            List<Experiment> theirs = newestFirst.stream()
                    .filter(run -> run.owner() != null && run.owner().id().equals(id)).toList();
            Experiment shown = theirs.stream().filter(run -> run.status() == ExperimentStatus.SUCCEEDED).findFirst()
                    .orElse(theirs.isEmpty() ? null : theirs.getFirst());
            Summary summary = shown == null || shown.result() == null ? null : shown.result().summary();
            List<String> observed = columns.stream().map(column -> observation(shown, column)).toList();
            rows.add(new Row(name, theirs.size(), shown,
                    summary == null || summary.speedup() == null ? "" : speedup(summary),
                    summary == null || summary.efficiency() == null ? "" : ExperimentView.num(summary.efficiency()),
                    summary == null ? "" : ExperimentView.num(summary.wallMillis().median()) + " ms", observed));
            if (summary != null && summary.speedup() != null && shown.status() == ExperimentStatus.SUCCEEDED) {
                speedups.add(new SpreadChart.Point(name, summary.speedup()));
            }
        });
        return new ClassResults(rows, columns, speedups, parallelism);
    }

    private static String speedup(Summary summary) {
        return ExperimentView.num(summary.speedup()) + "x" + (summary.speedupCi95Low() == null ? ""
                : " (" + ExperimentView.num(summary.speedupCi95Low()) + " to "
                        + ExperimentView.num(summary.speedupCi95High()) + ")");
    }

    private static String observation(Experiment run, String name) {
        if (run == null || run.result() == null) {
            return "";
        }
        return ExperimentView.of(run, List.of()).observations().stream().filter(row -> row.key().equals(name))
                .map(ExperimentView.Row::value).findFirst().orElse("");
    }
}
