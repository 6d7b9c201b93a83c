package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.support.TestOptions;
import org.concurrencylab.workload.Kinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A run's CPU time is that of the threads that ran its tasks (the carriers, for virtual threads;
 * the task threads of the workers, for processes): busy for CPU-bound work, next to nothing for
 * waits, in every model.
 */
class CpuTimeTest extends WorkerPoolTestBase {

    private static final RunPlan PRIMES =
            new RunPlan(Kinds.CPU_PRIMES, new ParamValues(Map.of("size", 20_000L)), 4, 2);
    private static final RunPlan SLEEPS = new RunPlan(Kinds.IO_SLEEP,
            new ParamValues(Map.of("millis", 100L, "holdMonitor", 0L)), 4, 2);

    @ParameterizedTest
    @EnumSource(value = ExecutionModel.class, names = "PROCESSES", mode = EnumSource.Mode.EXCLUDE)
    void inProcessModelsCountTheCpuOfCpuBoundWorkAndHardlyAnyForWaits(ExecutionModel model) throws Exception {
        ModelRunner runner = TestRunners.inProcess().forModel(model);

        assertThat(runner.run(PRIMES).cpuNanos()).as("CPU of CPU-bound tasks").isPositive();
        RunMeasurement sleeps = runner.run(SLEEPS);
        assertThat(sleeps.cpuNanos()).as("CPU of 4 x 100 ms of sleeping").isLessThan(serviceNanos(sleeps) / 2);
    }

    @Test
    void workerJvmsReportTheCpuOfTheirTaskThreads() throws Exception {
        RunPlan primes = new RunPlan(PRIMES.workload(), PRIMES.params(), 4, 2, TestOptions.of(0, 1, 5, false, 1, 0));
        RunPlan sleeps = new RunPlan(SLEEPS.workload(), SLEEPS.params(), 4, 2, TestOptions.of(0, 1, 5, false, 1, 0));

        assertThat(runner.run(primes).cpuNanos()).isPositive();
        RunMeasurement slept = runner.run(sleeps);
        assertThat(slept.cpuNanos()).isLessThan(serviceNanos(slept) / 2);
    }

    private static long serviceNanos(RunMeasurement measured) {
        return measured.tasks().stream().mapToLong(TaskRecord::durationNanos).sum();
    }
}
