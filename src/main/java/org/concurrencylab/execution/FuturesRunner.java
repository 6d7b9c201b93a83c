package org.concurrencylab.execution;

import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.ModelOption;
import org.concurrencylab.core.Observations;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Workload;

/**
 * {@code FUTURES}: every task is a {@code supplyAsync} stage on a pool of {@code parallelism}
 * threads ({@code lab-futures-N}), followed by {@code stages} {@code thenApplyAsync} steps that
 * only pass the record on, and all are joined with {@code allOf}. The extra steps do no work on
 * purpose: what they add to the wall time is the price of async composition.
 */
final class FuturesRunner extends PooledRunner {

    static final String POOL_NAME = "lab.futures";

    static final Metric.Count STAGES_PER_TASK = Metric.count("stagesPerTask", "stages", Aggregation.SAME,
            "thenApplyAsync steps chained after each task");
    static final Metric.Count STAGES_RUN = Metric.count("stagesRun", "stages", Aggregation.SUM,
            "chained steps that ran");

    FuturesRunner(InstrumentedPools pools) {
        super(pools, POOL_NAME);
    }

    @Override
    RunMeasurement run(RunPlan plan, Workload workload) throws InterruptedException, ExecutionFailedException {
        int stages = plan.options().get(ModelOption.STAGES);
        AtomicLong stepsRun = new AtomicLong();
        UnaryOperator<TaskRecord> passOn = record -> {
            stepsRun.incrementAndGet();
            return record;
        };
        ThreadCpu.Recording threads = new ThreadCpu.Recording(Thread.ofPlatform().name(threadPrefix(), 1).factory());
        ExecutorService pool = startedFixedPool(plan.parallelism(), threads);
        List<CompletableFuture<TaskRecord>> futures = new ArrayList<>(plan.tasks());
        try {
            long start = System.nanoTime();
            for (int i = 0; i < plan.tasks(); i++) {
                int index = i;
                long submitted = System.nanoTime();
                CompletableFuture<TaskRecord> future =
                        CompletableFuture.supplyAsync(() -> runTask(workload, index).submittedAt(submitted), pool);
                for (int s = 0; s < stages; s++) {
                    future = future.thenApplyAsync(passOn, pool);
                }
                futures.add(future);
            }
            try {
                CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
            } catch (ExecutionException e) {
                // allOf fails with the first failure it saw; collect() below names the task.
            }
            List<TaskRecord> records = TaskResults.collect(futures);
            long wall = System.nanoTime() - start;
            return RunMeasurement.inProcess(wall, threads.cpuNanos(), records, Observations.builder()
                    .put(STAGES_PER_TASK, stages)
                    .put(STAGES_RUN, stepsRun.get())
                    .build());
        } finally {
            futures.forEach(f -> f.cancel(true));
            stop(pool);
        }
    }

    /** supplyAsync takes no checked exceptions: an interrupt travels as the cause, unwrapped by TaskResults. */
    private static TaskRecord runTask(Workload workload, int index) {
        try {
            return TaskRecord.run(workload, index, TaskContext.DIRECT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CompletionException(e);
        }
    }
}
