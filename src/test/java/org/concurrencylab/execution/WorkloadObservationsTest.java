package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.workload.Kinds;
import org.concurrencylab.core.ParamValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalog's list of what each workload observes is exactly what a run of it reports: on
 * THREADS for every kind that fits it, and on PROCESSES, where the observations are made in the
 * worker JVMs and combined by the pool, for every kind that fits that.
 */
class WorkloadObservationsTest {

    private final ModelRunners runners = new ModelRunners(new SimpleMeterRegistry(), null);

    @TempDir
    Path dir;

    private TestWorkers workers;

    @AfterEach
    void noWorkerOutlivesATest() {
        if (workers != null) {
            workers.launcher.shutdown();
        }
    }

    static Stream<WorkloadDefinition> fittingThreads() {
        return fitting(ExecutionModel.THREADS);
    }

    static Stream<WorkloadDefinition> fittingProcesses() {
        return fitting(ExecutionModel.PROCESSES);
    }

    private static Stream<WorkloadDefinition> fitting(ExecutionModel model) {
        return Arrays.stream(WorkloadDefinition.values()).filter(kind -> kind.fit().fits(model.name()));
    }

    @ParameterizedTest
    @MethodSource("fittingThreads")
    void aThreadsRunReportsExactlyTheObservationsTheCatalogNames(WorkloadDefinition kind) throws Exception {
        RunMeasurement measured = runners.forModel(ExecutionModel.THREADS).run(plan(kind));

        assertThat(measured.observations().keySet()).containsExactlyInAnyOrderElementsOf(kind.observationNames());
    }

    @ParameterizedTest
    @MethodSource("fittingProcesses")
    void aProcessesRunReportsExactlyTheObservationsTheCatalogNamesBesidesThePools(WorkloadDefinition kind) throws Exception {
        workers = new TestWorkers(dir);

        RunMeasurement measured = new ProcessPoolRunner(workers.launcher).run(plan(kind));

        Set<String> names = new HashSet<>(measured.observations().keySet());
        assertThat(names).containsAll(PoolRun.POOL_OBSERVATIONS);
        names.removeAll(PoolRun.POOL_OBSERVATIONS);
        assertThat(names).as(kind.id()).containsExactlyInAnyOrderElementsOf(kind.observationNames());
        assertThat(workers.launcher.liveWorkers()).isZero();
    }

    private static RunPlan plan(WorkloadDefinition kind) {
        ParamValues params = kind.defaults();
        // cpu.montecarlo's million samples per task would only slow the test down.
        if (kind == Kinds.CPU_MONTECARLO) {
            params = params.overriddenBy(new ParamValues(java.util.Map.of("samples", 20_000L)));
        }
        int tasks = kind.castSize(params).orElse(2);
        return new RunPlan(kind, params, tasks, Math.max(2, tasks));
    }
}
