package org.concurrencylab.execution;

import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.ModelOption;
import org.concurrencylab.core.Observations;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Workload;

/**
 * {@code FORK_JOIN}: a {@link ForkJoinPool} of {@code parallelism} workers
 * ({@code lab-forkjoin-N}) splits the task range in halves down to ranges of at most
 * {@code threshold} tasks. Splitting only makes work available; idle workers stealing it is what
 * runs it in parallel, so the steal count is reported with the splits and the pool size reached.
 */
final class ForkJoinRunner extends PooledRunner {

    static final String POOL_NAME = "lab.forkjoin";

    static final Metric.Count STEALS = Metric.count("steals", "tasks", Aggregation.SUM,
            "ranges an idle worker took from a busy one's queue");
    static final Metric.Count SPLITS = Metric.count("splits", "ranges", Aggregation.SUM, "ranges split in two");
    static final Metric.Count POOL_SIZE_REACHED = Metric.count("poolSizeReached", "threads", Aggregation.MAX,
            "worker threads the pool started");
    static final Metric.Count THRESHOLD = Metric.count("threshold", "tasks", Aggregation.SAME,
            "the most tasks a range runs without splitting");

    ForkJoinRunner(InstrumentedPools pools) {
        super(pools, POOL_NAME);
    }

    @Override
    RunMeasurement run(RunPlan plan, Workload workload) throws InterruptedException, ExecutionFailedException {
        AtomicInteger threadNumber = new AtomicInteger();
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        ForkJoinPool pool = new ForkJoinPool(plan.parallelism(), p -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            thread.setName(threadPrefix() + threadNumber.incrementAndGet());
            threads.add(thread);
            return thread;
        }, null, false);
        monitor(pool);
        // One slot per task, each written by the one thread that ran it; the root's completion
        // publishes them all. A shared queue or counter here would be contended at every task.
        TaskRecord[] records = new TaskRecord[plan.tasks()];
        LongAdder splits = new LongAdder();
        try {
            long start = System.nanoTime();
            ForkJoinTask<Void> root = pool.submit(
                    new Range(workload, 0, plan.tasks(), plan.options().get(ModelOption.THRESHOLD), records, splits));
            try {
                // get(), not invoke(): a cancel must be able to interrupt the wait.
                root.get();
            } catch (ExecutionException e) {
                TaskResults.rethrow(TaskResults.failure(e.getCause(), 0));
            }
            long wall = System.nanoTime() - start;
            // Every task is in the root range, submitted at start; splitting and stealing is its wait.
            List<TaskRecord> stamped = Arrays.stream(records).map(r -> r.submittedAt(start)).toList();
            return RunMeasurement.inProcess(wall, ThreadCpu.of(threads), stamped, Observations.builder()
                    .put(STEALS, pool.getStealCount())
                    .put(SPLITS, splits.sum())
                    .put(POOL_SIZE_REACHED, threadNumber.get())
                    .put(THRESHOLD, plan.options().get(ModelOption.THRESHOLD))
                    .build());
        } finally {
            stop(pool);
        }
    }

    /** Tasks [from, to): run them if few enough, else split in two and fork one half. */
    private static final class Range extends RecursiveAction {

        private final transient Workload workload;
        private final int from;
        private final int to;
        private final int threshold;
        private final transient TaskRecord[] records;
        private final transient LongAdder splits;

        Range(Workload workload, int from, int to, int threshold, TaskRecord[] records, LongAdder splits) {
            this.workload = workload;
            this.from = from;
            this.to = to;
            this.threshold = threshold;
            this.records = records;
            this.splits = splits;
        }

        @Override
        protected void compute() {
            if (to - from <= threshold) {
                for (int i = from; i < to; i++) {
                    try {
                        records[i] = TaskRecord.run(workload, i, TaskContext.DIRECT);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CompletionException(e);
                    } catch (RuntimeException e) {
                        throw new CompletionException(new ExecutionFailedException("task " + i + " failed: " + e, e));
                    }
                }
                return;
            }
            splits.increment();
            int middle = (from + to) >>> 1;
            invokeAll(new Range(workload, from, middle, threshold, records, splits),
                    new Range(workload, middle, to, threshold, records, splits));
        }
    }
}
