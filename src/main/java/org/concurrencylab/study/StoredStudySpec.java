package org.concurrencylab.study;

import java.util.List;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.ExperimentSpec;

/**
 * The study table's {@code spec} column: a {@link StudySpec} as stored, apart from the request
 * record so that the API's body can change without changing what is stored. Every study was
 * stored in this shape.
 *
 * @param params the workload's params as the user gave them: numbers, or a choice by its name
 * @param models {@code ExecutionModel} names
 */
record StoredStudySpec(String name, Workload workload, List<String> models, List<Integer> parallelism,
        Integer tasks, Integer warmups, Integer repetitions, Integer timeLimitSeconds) {

    record Workload(String kind, Map<String, Object> params) {}

    static StoredStudySpec of(StudySpec spec) {
        return new StoredStudySpec(spec.name(), new Workload(spec.workload().kind(), spec.workload().params()),
                spec.models().stream().map(ExecutionModel::name).toList(), spec.parallelism(), spec.tasks(),
                spec.warmups(), spec.repetitions(), spec.timeLimitSeconds());
    }

    StudySpec toSpec() {
        return new StudySpec(name, new ExperimentSpec.WorkloadSpec(workload.kind(), workload.params()),
                models.stream().map(ExecutionModel::valueOf).toList(), parallelism, tasks, warmups, repetitions,
                timeLimitSeconds);
    }
}
