package org.concurrencylab.experiment;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A field in which specs differ, with each spec's value in their order (null where a spec has no
 * such field: a workload param of another kind, an option of another model).
 *
 * @param field as the API names it: {@code parallelism}, {@code workload.params.size}, {@code stages}
 */
@Schema(description = "A spec field in which the experiments differ, with each one's value in their order (null where "
        + "an experiment has no such field: another kind's param, another model's option).")
record SpecDifference(
        @Schema(example = "parallelism") String field,
        @Schema(example = "[2, 4]") List<Object> values) {

    SpecDifference {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** Fields that do not change what a run measures: its limit, and how many runs there are. */
    private static final Set<String> NOT_THE_WORK = Set.of("timeLimitSeconds", "repetitions");

    /** Every field in which at least two of {@code specs} differ, in the order the specs list them. */
    static List<SpecDifference> of(List<ResolvedSpec> specs) {
        List<Map<String, Object>> fields = specs.stream().map(ResolvedSpec::fields).toList();
        Set<String> names = new LinkedHashSet<>();
        fields.forEach(f -> names.addAll(f.keySet()));
        List<SpecDifference> differences = new ArrayList<>();
        for (String name : names) {
            List<Object> values = new ArrayList<>();
            fields.forEach(f -> values.add(f.get(name)));
            if (values.stream().distinct().count() > 1) {
                differences.add(new SpecDifference(name, values));
            }
        }
        return differences;
    }

    /** Whether two specs run the same work: the same in every field but the name and {@link #NOT_THE_WORK}. */
    static boolean sameWork(ResolvedSpec a, ResolvedSpec b) {
        return of(List.of(a, b)).stream().allMatch(d -> NOT_THE_WORK.contains(d.field()));
    }

    /**
     * Whether this difference changes the work beyond the model: not the model itself, nor an option
     * only one side's model has, nor a field that does not change what is measured.
     */
    boolean beyondTheModel() {
        return !field.equals("model") && !NOT_THE_WORK.contains(field) && values.stream().allMatch(Objects::nonNull);
    }
}
