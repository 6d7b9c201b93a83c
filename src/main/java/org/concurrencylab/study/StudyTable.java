package org.concurrencylab.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.experiment.ExperimentStatus;
import org.concurrencylab.measure.ScalingLaws;
import org.concurrencylab.measure.Summary;

/** A study's report from its cells: the table copied from their summaries, the fits and their words. */
final class StudyTable {

    private StudyTable() {}

    /**
     * @param fitter fits the measured cells (see {@link StudyFits#fit}); the service remembers its
     *     answers, since a bootstrap per model on every read would cost more than the read
     */
    static StudyReport report(Study study, Function<String, Experiment> experiments,
            Function<List<StudyFits.Measured>, List<StudyReport.Fit>> fitter) {
        StudySpec spec = study.spec();
        List<Experiment> cells = study.cells().stream().map(c -> experiments.apply(c.experimentId())).toList();
        List<StudyFits.Measured> measured = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Experiment e = cells.get(i);
            measured.add(new StudyFits.Measured(study.cells().get(i).model(), swept(spec, e),
                    e.spec().effectiveParallelism(), e.result()));
        }
        boolean weak = spec.scalingOrDefault() == StudySpec.Scaling.WEAK;
        List<StudyReport.Row> table = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Study.Cell cell = study.cells().get(i);
            Experiment e = cells.get(i);
            Map<String, Object> params = measured.get(i).params();
            Summary s = e.result() == null ? null : e.result().summary();
            Double median = s != null && s.wallMillis() != null && s.wallMillis().n() > 0 ? s.wallMillis().median() : null;
            table.add(new StudyReport.Row(cell.model(), cell.parallelism(), params.isEmpty() ? null : params,
                    e.spec().tasks(), e.id(), e.status(),
                    median,
                    median != null ? s.throughputPerSecond() : null,
                    s != null && s.baselineWallMillis() != null && s.baselineWallMillis().n() > 0
                            ? s.baselineWallMillis().median() : null,
                    s == null ? null : s.speedup(),
                    s == null ? null : s.speedupCi95Low(),
                    s == null ? null : s.speedupCi95High(),
                    s == null ? null : s.efficiency(),
                    s == null ? null : s.serialFraction(),
                    weak && median != null ? weakEfficiency(cell, params, median, study.cells(), cells, measured) : null));
        }
        List<StudyReport.Fit> fits = fitter.apply(measured);
        Integer cores = cells.stream()
                .filter(e -> e.result() != null && e.result().environment() != null)
                .map(e -> e.result().environment().availableProcessors())
                .findFirst().orElse(null);
        List<ExperimentStatus> statuses = cells.stream().map(Experiment::status).toList();
        int done = (int) statuses.stream().filter(ExperimentStatus::isTerminal).count();
        Map<String, Object> params = spec.workload().params() == null ? Map.of() : spec.workload().params();
        return new StudyReport(study.id(), study.name(), StudyStatus.of(statuses),
                Study.CANCEL_REQUESTED.equals(study.state()), study.createdAt(),
                new StudyReport.Progress(done, statuses.size()), spec.workload().kind(), params,
                spec.models(), spec.parallelism(), spec.scalingOrDefault(), spec.sweep(), table,
                fits, StudyFits.interpret(fits, cores));
    }

    /** The cell's values of the swept params, as its experiment ran them (a choice by its name). */
    private static Map<String, Object> swept(StudySpec spec, Experiment experiment) {
        Map<String, Object> shown = experiment.spec().workload().displayParams();
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : spec.sweepOrEmpty().keySet()) {
            values.put(name, shown.get(name));
        }
        return values;
    }

    /**
     * Time at parallelism 1 over time at p, both of this model at these swept values: under weak
     * scaling each worker has the same work, so a model that scales keeps the time flat.
     */
    private static Double weakEfficiency(Study.Cell cell, Map<String, Object> params, double median,
            List<Study.Cell> cells, List<Experiment> experiments, List<StudyFits.Measured> measured) {
        for (int i = 0; i < cells.size(); i++) {
            Study.Cell one = cells.get(i);
            Summary s = experiments.get(i).result() == null ? null : experiments.get(i).result().summary();
            if (one.model() == cell.model() && one.parallelism() == 1 && measured.get(i).params().equals(params)
                    && s != null && s.wallMillis() != null && s.wallMillis().n() > 0) {
                Double efficiency = ScalingLaws.weakScalingEfficiency(s.wallMillis().median(), median);
                return efficiency == null ? null : Math.round(efficiency * 1_000.0) / 1_000.0;
            }
        }
        return null;
    }
}
