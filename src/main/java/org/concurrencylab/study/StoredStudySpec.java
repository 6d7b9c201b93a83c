package org.concurrencylab.study;

import java.util.List;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.ExperimentSpec;

/**
 * The study table's {@code spec} column: a {@link StudySpec} as stored, apart from the request
 * record so that the API's body can change without changing what is stored. Every study was
 * stored in this shape; {@code scaling} and {@code sweep} came later and are absent from older rows.
 *
 * @param params the workload's params as the user gave them: numbers, or a choice by its name
 * @param models {@code ExecutionModel} names
 * @param scaling a {@link StudySpec.Scaling} name; absent for strong scaling
 * @param sweep swept param names to their values, as given; absent without a sweep
 */
record StoredStudySpec(String name, Workload workload, List<String> models, List<Integer> parallelism,
        Integer tasks, Integer warmups, Integer repetitions, Integer timeLimitSeconds, String scaling,
        Map<String, List<Object>> sweep) {

    record Workload(String kind, Map<String, Object> params) {}

    static StoredStudySpec of(StudySpec spec) {
        return new StoredStudySpec(spec.name(), new Workload(spec.workload().kind(), spec.workload().params()),
                spec.models().stream().map(ExecutionModel::name).toList(), spec.parallelism(), spec.tasks(),
                spec.warmups(), spec.repetitions(), spec.timeLimitSeconds(),
                spec.scaling() == null ? null : spec.scaling().name(), spec.sweep());
    }

    StudySpec toSpec() {
        return new StudySpec(name, new ExperimentSpec.WorkloadSpec(workload.kind(), workload.params()),
                models.stream().map(ExecutionModel::valueOf).toList(), parallelism, tasks, warmups, repetitions,
                timeLimitSeconds, scaling == null ? null : StudySpec.Scaling.valueOf(scaling), sweep);
    }
}
