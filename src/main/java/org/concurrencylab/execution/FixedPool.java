package org.concurrencylab.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Workload;

/**
 * A fixed pool of {@code parallelism} named platform threads for one repetition: the shape the
 * THREADS and GIL models share. A fresh pool per repetition keeps one run's threads from ever
 * serving another's tasks.
 */
final class FixedPool {

    /** How one task runs on a pool thread. */
    @FunctionalInterface
    interface TaskBody {
        TaskRecord run(Workload workload, int index) throws InterruptedException;
    }

    private FixedPool() {}

    static RunMeasurement run(RunPlan plan, Workload workload, String name, InstrumentedPools pools, TaskBody body)
            throws InterruptedException, ExecutionFailedException {
        String threadPrefix = name.replace('.', '-') + "-";
        ThreadCpu.Recording threads = new ThreadCpu.Recording(Thread.ofPlatform().name(threadPrefix, 1).factory());
        ExecutorService pool = pools.startedFixedPool(plan.parallelism(), threads, name);
        try {
            long start = System.nanoTime();
            // invokeAll hands every task to the pool at once: each waits from here for a thread.
            List<Callable<TaskRecord>> tasks = new ArrayList<>(plan.tasks());
            for (int i = 0; i < plan.tasks(); i++) {
                int index = i;
                tasks.add(() -> body.run(workload, index).submittedAt(start));
            }
            List<TaskRecord> records = TaskResults.collect(pool.invokeAll(tasks));
            long wall = System.nanoTime() - start;
            return RunMeasurement.inProcess(wall, threads.cpuNanos(), records, org.concurrencylab.core.Observations.NONE);
        } finally {
            PoolShutdown.stop(pool, threadPrefix);
            pools.forget(name);
        }
    }
}
