package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.measure.RunResult;
import org.concurrencylab.workload.Kinds;
import org.junit.jupiter.api.Test;

class ExecutionEngineTest {

    private final ExecutionEngine engine =
            new ExecutionEngine(new ModelRunners(new SimpleMeterRegistry(), null), List::of);

    @Test
    void baselineRunsInterleaveWithTheModelsAndWarmupsComeFirst() throws Exception {
        RunPlan plan = new RunPlan(Kinds.CPU_PRIMES, new ParamValues(Map.of("size", 2_000L)), 6, 2);
        ExecutionRequest request = new ExecutionRequest(ExecutionModel.THREADS, plan, 1, 2, true);
        List<RunResult> runs = new ArrayList<>();

        engine.run(request, runs::add);

        assertThat(runs).hasSize(request.totalRuns()).hasSize(6);
        assertThat(runs).extracting(RunResult::model)
                .containsExactly("SEQUENTIAL", "THREADS", "SEQUENTIAL", "THREADS", "SEQUENTIAL", "THREADS");
        assertThat(runs).extracting(RunResult::warmup).containsExactly(true, true, false, false, false, false);
        assertThat(runs).extracting(RunResult::baseline).containsExactly(true, false, true, false, true, false);
        assertThat(runs).extracting(RunResult::index).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(runs).extracting(RunResult::checksum).containsOnly(runs.getFirst().checksum());
        assertThat(runs).allSatisfy(r -> assertThat(r.tasks()).isEqualTo(6));
    }

    @Test
    void withoutBaselineOnlyTheModelRuns() throws Exception {
        RunPlan plan = new RunPlan(Kinds.IO_SLEEP, new ParamValues(Map.of("millis", 1L, "holdMonitor", 0L)), 3, 3);
        List<RunResult> runs = new ArrayList<>();

        engine.run(new ExecutionRequest(ExecutionModel.SEQUENTIAL, plan, 0, 2, false), runs::add);

        assertThat(runs).extracting(RunResult::model).containsExactly("SEQUENTIAL", "SEQUENTIAL");
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.warmup()).isFalse();
            assertThat(r.checksum()).isEqualTo(1 + 2 + 3);
            assertThat(r.taskMillis().p50()).isGreaterThanOrEqualTo(1.0);
        });
    }
}
