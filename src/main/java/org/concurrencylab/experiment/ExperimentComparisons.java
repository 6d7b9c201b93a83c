package org.concurrencylab.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.concurrencylab.measure.Comparison;
import org.concurrencylab.measure.ExperimentResult;
import org.concurrencylab.measure.RunResult;
import org.concurrencylab.measure.Warning;
import org.concurrencylab.security.LabUser;
import org.springframework.stereotype.Service;

/**
 * Finished experiments side by side: their specs' differences and summaries, and each against the
 * first with the statistics of {@link Comparison}, plus what the runs alone cannot show (specs that
 * differ in more than the model, partial results, other nodes).
 */
@Service
public class ExperimentComparisons {

    /** At most this many at once: every pair runs a bootstrap, and a wider table reads badly anyway. */
    public static final int MAX_IDS = 10;

    /** What experiment ids look like (UUIDs); anything else cannot name one. */
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
            + "-[0-9a-fA-F]{12}");

    private final ExperimentService experiments;

    ExperimentComparisons(ExperimentService experiments) {
        this.experiments = experiments;
    }

    /**
     * Compares the experiments {@code ids} names, the first the reference. 400 on {@code ids} for a
     * list that is too short or too long, an id that is malformed or repeated, or an experiment that
     * has not finished; 404 for an id {@code viewer} may not read, exactly as for one that does not exist.
     */
    public ComparisonReport compare(List<String> ids, LabUser viewer) {
        checkList(ids);
        List<Experiment> compared = ids.stream().map(id -> experiments.get(id, viewer)).toList();
        for (Experiment e : compared) {
            if (!e.status().isTerminal()) {
                throw InvalidSpecException.of("ids", "experiment '" + e.id() + "' is " + e.status() + ": only "
                        + "finished experiments can be compared; wait for it, or cancel it (a cancelled experiment "
                        + "keeps the runs that finished)");
            }
        }
        List<String> labels = labels(compared);
        List<ComparisonReport.Compared> sides = compared.stream()
                .map(e -> new ComparisonReport.Compared(e.id(), e.spec().name(), e.status(),
                        e.result() != null && e.result().partial(), nodeOf(e), e.spec().fields(),
                        e.result() == null ? null : e.result().summary()))
                .toList();
        Experiment reference = compared.getFirst();
        List<ComparisonReport.Versus> versus = new ArrayList<>();
        for (int i = 1; i < compared.size(); i++) {
            Experiment candidate = compared.get(i);
            Comparison comparison = Comparison.of(labels.getFirst(), measuredMillis(reference), labels.get(i),
                    measuredMillis(candidate));
            versus.add(new ComparisonReport.Versus(candidate.id(), reference.id(),
                    comparison.withWarnings(warnings(reference, candidate, labels.getFirst(), labels.get(i)))));
        }
        return new ComparisonReport(sides, SpecDifference.of(compared.stream().map(Experiment::spec).toList()), versus);
    }

    private static void checkList(List<String> ids) {
        String allowed = "2 to " + MAX_IDS + " experiment ids, comma-separated (ids=a,b), the first the reference";
        if (ids == null || ids.size() < 2 || ids.size() > MAX_IDS) {
            throw InvalidSpecException.of("ids", "must be " + allowed + "; got " + (ids == null ? 0 : ids.size()));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || !ID.matcher(id).matches()) {
                throw InvalidSpecException.of("ids", "must be " + allowed + "; ids[" + i + "] is not an experiment id"
                        + " (a UUID such as 5f0c2a1e-8d3b-4c7a-9e21-0b6d4f8a7c35)");
            }
            if (!seen.add(id)) {
                throw InvalidSpecException.of("ids", "must name each experiment once; ids[" + i + "] repeats '" + id
                        + "'");
            }
        }
    }

    /** Names in the verdicts: the experiments' own, with the id's start where two share a name. */
    private static List<String> labels(List<Experiment> compared) {
        Set<String> repeated = compared.stream()
                .collect(Collectors.groupingBy(e -> e.spec().name(), Collectors.counting()))
                .entrySet().stream().filter(entry -> entry.getValue() > 1).map(java.util.Map.Entry::getKey)
                .collect(Collectors.toSet());
        return compared.stream()
                .map(e -> repeated.contains(e.spec().name()) ? e.spec().name() + " [" + e.id().substring(0, 8) + "]"
                        : e.spec().name())
                .toList();
    }

    private static List<Double> measuredMillis(Experiment e) {
        return e.result() == null ? List.of() : e.result().runs().stream()
                .filter(r -> !r.warmup() && !r.baseline())
                .map(RunResult::wallMillis)
                .toList();
    }

    private static List<Warning> warnings(Experiment reference, Experiment candidate, String referenceLabel,
            String candidateLabel) {
        List<Warning> warnings = new ArrayList<>();
        List<SpecDifference> beyond = SpecDifference.of(List.of(reference.spec(), candidate.spec())).stream()
                .filter(SpecDifference::beyondTheModel)
                .toList();
        if (!beyond.isEmpty()) {
            warnings.add(new Warning(Warning.Code.SPECS_DIFFER, "The specs differ in more than the model: "
                    + beyond.stream().map(d -> d.field() + " " + d.values().get(0) + " vs " + d.values().get(1))
                            .collect(Collectors.joining(", "))
                    + "; the difference is not the model's alone. Compare specs that differ only in the model to "
                    + "see what the model does."));
        }
        for (Experiment e : List.of(reference, candidate)) {
            ExperimentResult result = e.result();
            if (result != null && result.partial()) {
                String label = e == reference ? referenceLabel : candidateLabel;
                warnings.add(new Warning(Warning.Code.PARTIAL, label + " was stopped before the end (" + e.status()
                        + ") and kept " + measuredMillis(e).size() + " of its " + e.spec().repetitions()
                        + " measured runs: its side rests on those."));
            }
        }
        String referenceNode = nodeOf(reference);
        String candidateNode = nodeOf(candidate);
        if (referenceNode != null && candidateNode != null && !Objects.equals(referenceNode, candidateNode)) {
            warnings.add(new Warning(Warning.Code.NODES_DIFFER, "Measured on different nodes (" + referenceNode + ", "
                    + candidateNode + "): their machines and loads may differ as much as the models do."));
        }
        return warnings;
    }

    private static String nodeOf(Experiment e) {
        return e.result() != null && e.result().environment() != null ? e.result().environment().nodeId()
                : e.nodeId();
    }
}
