package org.concurrencylab.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.concurrencylab.core.Cooperative;
import org.concurrencylab.core.ModelOption;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Workload;

/**
 * {@code EVENT_LOOP}: every task on one {@link EventLoop}, turned by the experiment's own thread as
 * {@code asyncio.run(gather(*tasks))} turns the caller's. Every task's start is due at the run's
 * start, as gather schedules them all at once; a task with a cooperative form yields at each wait,
 * one without (CPU work) runs to completion in its start callback, holding the loop meanwhile.
 * That is the whole difference between the workloads here: the runner asks nothing else of them.
 */
final class EventLoopRunner extends InProcessRunner {

    @Override
    RunMeasurement run(RunPlan plan, Workload workload) throws InterruptedException, ExecutionFailedException {
        int slowMillis = plan.options().get(ModelOption.SLOW_CALLBACK_MILLIS);
        EventLoop loop = new EventLoop(slowMillis);
        Tasks tasks = new Tasks(plan.tasks());
        long cpuStart = ThreadCpu.currentThread();
        long start = System.nanoTime();
        for (int i = 0; i < plan.tasks(); i++) {
            int index = i;
            loop.at(start, () -> tasks.start(workload, loop, index, start));
        }
        loop.runUntil(tasks::allDone);
        long wall = System.nanoTime() - start;
        return RunMeasurement.inProcess(wall, ThreadCpu.currentThread() - cpuStart, tasks.records,
                loop.observations(slowMillis, tasks.peakPending));
    }

    /** The run's tasks as the loop's thread sees them; touched by no other thread. */
    private static final class Tasks {
        private final int count;
        private final List<TaskRecord> records;
        private int pending;
        private int peakPending;

        Tasks(int count) {
            this.count = count;
            this.records = new ArrayList<>(count);
        }

        boolean allDone() {
            return records.size() == count;
        }

        void start(Workload workload, EventLoop loop, int index, long submitted) {
            long begun = System.nanoTime();
            pending++;
            peakPending = Math.max(peakPending, pending);
            CompletionStage<Long> checksum;
            try {
                checksum = workload instanceof Cooperative cooperative
                        ? cooperative.start(index, loop)
                        : CompletableFuture.completedFuture(workload.runTask(index, TaskContext.DIRECT));
            } catch (InterruptedException e) {
                loop.fail(e);
                return;
            } catch (RuntimeException e) {
                loop.fail(TaskResults.failure(e, index));
                return;
            }
            // A task that never yielded (CPU work, a blocking wait) ends in this callback, as a coroutine
            // that never awaits does; one that yielded ends on the loop, whichever thread completed its last step.
            CompletionStage<Long> onLoop = checksum instanceof CompletableFuture<Long> now && now.isDone()
                    ? now : loop.resume(checksum);
            onLoop.whenComplete((sum, error) -> finish(loop, index, begun, submitted, sum, error));
        }

        private void finish(EventLoop loop, int index, long begun, long submitted, Long sum, Throwable error) {
            pending--;
            if (error != null) {
                loop.fail(TaskResults.failure(error, index));
            } else {
                records.add(new TaskRecord(index, begun, System.nanoTime(), sum, submitted));
            }
        }
    }
}
