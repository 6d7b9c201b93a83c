package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
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
 * Queue wait (handed to the model to started) is kept apart from service time (started to
 * finished). With one task at a time, the k-th task to start has waited for the k tasks before
 * it: at least k sleeps from the first hand-over, whatever the machine's speed.
 */
class QueueWaitTest extends WorkerPoolTestBase {

    private static final long SLEEP_MILLIS = 30;
    private static final int TASKS = 3;
    private static final RunPlan ONE_AT_A_TIME = new RunPlan(Kinds.IO_SLEEP,
            new ParamValues(Map.of("millis", SLEEP_MILLIS, "holdMonitor", 0L)), TASKS, 1);

    // EVENT_LOOP is left out: its one thread overlaps the waits, so no task queues behind another's wait.
    @ParameterizedTest
    @EnumSource(value = ExecutionModel.class, names = {"PROCESSES", "EVENT_LOOP"}, mode = EnumSource.Mode.EXCLUDE)
    void inProcessTasksWaitingForTheOneThreadShowThatWaitApartFromTheirService(ExecutionModel model) throws Exception {
        RunMeasurement measured = TestRunners.inProcess().forModel(model).run(ONE_AT_A_TIME);

        assertWaitsQueuedBehindEachOther(measured.tasks());
    }

    @Test
    void workerJvmTasksWaitForTheOneWorkerToo() throws Exception {
        RunPlan plan = new RunPlan(ONE_AT_A_TIME.workload(), ONE_AT_A_TIME.params(), TASKS, 1,
                TestOptions.of(0, 1, 5, false, 1, 0));

        assertWaitsQueuedBehindEachOther(runner.run(plan).tasks());
    }

    private static void assertWaitsQueuedBehindEachOther(List<TaskRecord> tasks) {
        List<TaskRecord> byStart = tasks.stream().sorted(Comparator.comparingLong(TaskRecord::startNanos)).toList();
        assertThat(byStart).hasSize(TASKS);
        long firstHandedOver = tasks.stream().mapToLong(TaskRecord::submittedNanos).min().orElseThrow();
        for (int k = 0; k < TASKS; k++) {
            TaskRecord task = byStart.get(k);
            assertThat(task.submittedNanos()).as("task %d stamped before it started", task.index())
                    .isLessThanOrEqualTo(task.startNanos());
            assertThat(task.durationNanos()).as("service time of task %d", task.index())
                    .isGreaterThanOrEqualTo(SLEEP_MILLIS * 1_000_000);
            // Handed over later than the first (virtual threads are submitted one by one, and a
            // loaded machine may spread that out), it has waited that much less.
            long handedOverLater = task.submittedNanos() - firstHandedOver;
            assertThat(task.queueWaitNanos()).as("queue wait of the task that started %d-th", k + 1)
                    .isGreaterThanOrEqualTo(k * SLEEP_MILLIS * 1_000_000 - handedOverLater);
        }
    }
}
