package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.concurrencylab.workload.WorkloadKind;
import org.concurrencylab.workload.WorkloadParams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The catalog's list of what each workload observes is exactly what a run of it reports. */
class WorkloadObservationsTest {

    private final ModelRunners runners = new ModelRunners(new SimpleMeterRegistry(), null);

    @ParameterizedTest
    @EnumSource(WorkloadKind.class)
    void aRunReportsExactlyTheObservationsTheCatalogNames(WorkloadKind kind) throws Exception {
        WorkloadParams params = WorkloadParams.defaults(kind);
        int tasks = kind.workersFor(params).orElse(2);
        RunPlan plan = new RunPlan(kind, params, tasks, Math.max(2, tasks));

        RunMeasurement measured = runners.forModel(ExecutionModel.THREADS).run(plan);

        assertThat(measured.observations().keySet()).containsExactlyInAnyOrderElementsOf(kind.observationNames());
    }
}
