package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observation;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.workload.Kinds;
import org.concurrencylab.workload.Workloads;
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

    /** What the pool adds to every PROCESSES run. */
    private static final List<Metric> POOL = List.of(PoolTally.WORKERS_STARTED, PoolTally.WORKERS_RECYCLED,
            PoolTally.CONFIGURE_MAX, PoolTally.AOT_CACHE);
    /** What the pool adds to a run whose tasks it sends to the workers in chunks. */
    private static final List<Metric> CHUNKED = List.of(PoolTally.CHUNKS, PoolTally.DISPATCH_OVERHEAD,
            PoolTally.PIPE_ROUND_TRIP);

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
        return Workloads.ALL.stream().filter(kind -> kind.fits(model));
    }

    @ParameterizedTest
    @MethodSource("fittingThreads")
    void aThreadsRunReportsExactlyTheObservationsTheCatalogNames(WorkloadDefinition kind) throws Exception {
        RunMeasurement measured = runners.forModel(ExecutionModel.THREADS).run(plan(kind));

        assertThat(measured.observations().plain().keySet()).containsExactlyInAnyOrderElementsOf(names(kind.metrics()));
        // In-process, each observation carries the very declaration the catalog shows.
        assertThat(measured.observations().all()).extracting(Observation::metric)
                .containsExactlyInAnyOrderElementsOf(kind.metrics());
    }

    @ParameterizedTest
    @MethodSource("fittingProcesses")
    void aProcessesRunReportsExactlyTheObservationsTheCatalogNamesBesidesThePools(WorkloadDefinition kind) throws Exception {
        workers = new TestWorkers(dir);

        RunMeasurement measured = new ProcessPoolRunner(workers.launcher).run(plan(kind));

        Set<String> names = new HashSet<>(measured.observations().plain().keySet());
        assertThat(names).as(kind.id()).containsAll(names(POOL));
        names.removeAll(names(POOL));
        if (kind.runsInWorker()) {
            assertThat(names).as(kind.id()).containsAll(names(CHUNKED));
            names.removeAll(names(CHUNKED));
        } else {
            // ipc.pipe sends no chunks of tasks: its round trips are its own observations.
            assertThat(names).as(kind.id()).doesNotContainAnyElementsOf(names(CHUNKED));
        }
        assertThat(names).as(kind.id()).containsExactlyInAnyOrderElementsOf(names(kind.metrics()));
        assertThat(workers.launcher.liveWorkers()).isZero();
    }

    private static List<String> names(List<? extends Metric> metrics) {
        return metrics.stream().map(Metric::name).toList();
    }

    private static RunPlan plan(WorkloadDefinition kind) {
        ParamValues params = kind.defaults();
        // cpu.montecarlo's million samples per task would only slow the test down.
        if (kind == Kinds.CPU_MONTECARLO) {
            params = params.overriddenBy(Map.of("samples", 20_000L));
        }
        int tasks = kind.castSize(params).orElse(2);
        return new RunPlan(kind, params, tasks, Math.max(2, tasks));
    }
}
