package org.concurrencylab.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.concurrencylab.experiment.ComparisonReport;
import org.concurrencylab.experiment.Experiment;
import org.concurrencylab.experiment.ExperimentComparisons;
import org.concurrencylab.experiment.ExperimentService;
import org.concurrencylab.experiment.ResolvedSpec;
import org.concurrencylab.security.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Two or more experiments side by side: what differs in their specs, their summaries and, once all
 * have finished, each against the first as {@code GET /api/v1/compare} judges it.
 */
@Controller
class ComparePage {

    /** More columns than a laptop shows side by side. */
    static final int MAX_EXPERIMENTS = 6;

    private final ExperimentService experiments;
    private final CurrentUser user;
    private final ExperimentComparisons comparisons;

    ComparePage(ExperimentService experiments, CurrentUser user, ExperimentComparisons comparisons) {
        this.experiments = experiments;
        this.user = user;
        this.comparisons = comparisons;
    }

    /**
     * One experiment after the first against the first.
     *
     * @param ratio the candidate's median over the reference's, as shown ("1.92x")
     * @param verdict the comparison in words, including whether it is significant
     */
    record Verdict(String experimentId, String ratio, String verdict) {}

    /**
     * One spec field across the experiments.
     *
     * @param differs whether the experiments disagree on it (the rows that explain a difference)
     */
    record SpecRow(String field, List<String> values, boolean differs) {}

    /** One summary number across the experiments (empty where one has none, e.g. no baseline, no speedup). */
    record SummaryRow(String label, List<String> values) {}

    @GetMapping("/compare")
    String compare(@RequestParam(name = "id", required = false) List<String> ids, Model model) {
        List<String> distinct = ids == null ? List.of()
                : new ArrayList<>(new LinkedHashSet<>(ids.stream().filter(id -> !id.isBlank()).toList()));
        List<Experiment> compared = distinct.stream().limit(MAX_EXPERIMENTS)
                .map(id -> experiments.get(id, user.get())).toList();
        List<ExperimentView> views = compared.stream().map(e -> ExperimentView.of(e, List.of())).toList();
        model.addAttribute("views", views);
        model.addAttribute("summaryRows", summaryRows(views));
        model.addAttribute("specRows", specRows(compared));
        boolean allFinished = compared.size() >= 2
                && compared.stream().allMatch(e -> e.status().isTerminal() && e.result() != null);
        model.addAttribute("verdicts", allFinished ? verdicts(compared) : List.of());
        return "compare";
    }

    private List<Verdict> verdicts(List<Experiment> compared) {
        ComparisonReport report = comparisons.compare(compared.stream().map(Experiment::id).toList(), user.get());
        return report.comparisons().stream()
                .map(v -> new Verdict(v.id(), v.comparison().ratio() == null ? ""
                        : String.format(java.util.Locale.ROOT, "%.2fx", v.comparison().ratio()),
                        v.comparison().verdict()))
                .toList();
    }

    static List<SummaryRow> summaryRows(List<ExperimentView> views) {
        Map<String, String> labels = new LinkedHashMap<>();
        views.forEach(v -> v.summary().forEach(row -> labels.putIfAbsent(row.key(), row.label())));
        List<SummaryRow> rows = new ArrayList<>();
        labels.forEach((key, label) -> rows.add(new SummaryRow(label, views.stream()
                .map(v -> v.summary().stream().filter(row -> row.key().equals(key)).map(ExperimentView.Row::value)
                        .findFirst().orElse(""))
                .toList())));
        return rows;
    }

    static List<SpecRow> specRows(List<Experiment> compared) {
        List<Map<String, String>> fields = compared.stream().map(e -> fields(e.spec())).toList();
        Set<String> names = new LinkedHashSet<>();
        fields.forEach(f -> names.addAll(f.keySet()));
        List<SpecRow> rows = new ArrayList<>();
        for (String name : names) {
            List<String> values = fields.stream().map(f -> f.getOrDefault(name, "")).toList();
            rows.add(new SpecRow(name, values, values.stream().distinct().count() > 1));
        }
        return rows;
    }

    private static Map<String, String> fields(ResolvedSpec spec) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("model", spec.model().name());
        fields.put("workload", spec.workload().kind());
        spec.workload().displayParams().forEach((name, value) -> fields.put("workload." + name, Objects.toString(value)));
        fields.put("parallelism", Integer.toString(spec.parallelism()));
        fields.put("tasks", Integer.toString(spec.tasks()));
        fields.put("warmups", Integer.toString(spec.warmups()));
        fields.put("repetitions", Integer.toString(spec.repetitions()));
        fields.put("baseline", Boolean.toString(spec.baseline()));
        spec.options().shownFor(spec.model()).forEach((name, value) -> fields.put(name, Objects.toString(value)));
        return fields;
    }
}
