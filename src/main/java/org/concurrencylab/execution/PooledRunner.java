package org.concurrencylab.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Workload;

/**
 * A model whose every repetition runs on a fresh pool of platform threads: the pool's meters go by
 * its name ({@code lab.threads}) and its threads are named after it ({@code lab-threads-1, -2...}).
 * The pool is stopped and its meters dropped when the repetition ends, so one run's threads never
 * serve another's tasks and the next pool registers its own meters rather than reading a dead one.
 */
abstract class PooledRunner extends InProcessRunner {

    /** How one task runs on a pool thread. */
    @FunctionalInterface
    interface TaskBody {
        TaskRecord run(Workload workload, int index) throws InterruptedException;
    }

    private final InstrumentedPools pools;
    private final String poolName;

    PooledRunner(InstrumentedPools pools, String poolName) {
        this.pools = pools;
        this.poolName = poolName;
    }

    /** How the pool's thread names start: {@code lab-threads-} for {@code lab.threads}. */
    final String threadPrefix() {
        return poolName.replace('.', '-') + "-";
    }

    /** A fixed pool of {@code threads} threads from {@code factory}, all started and monitored. */
    final ExecutorService startedFixedPool(int threads, ThreadFactory factory) {
        return pools.startedFixedPool(threads, factory, poolName);
    }

    /** Monitors a pool made some other way (a ForkJoinPool). */
    final void monitor(ExecutorService pool) {
        pools.monitor(pool, poolName);
    }

    /** Stops the pool (whatever still runs is interrupted) and drops its meters. */
    final void stop(ExecutorService pool) {
        PoolShutdown.stop(pool, poolName.replace('.', '-'));
        pools.forget(poolName);
    }

    /**
     * The tasks on a fixed pool of {@code parallelism} named threads, each run by {@code body}: the
     * shape the THREADS and GIL models share.
     */
    final RunMeasurement runOnFixedPool(RunPlan plan, Workload workload, TaskBody body)
            throws InterruptedException, ExecutionFailedException {
        ThreadCpu.Recording threads = new ThreadCpu.Recording(Thread.ofPlatform().name(threadPrefix(), 1).factory());
        ExecutorService pool = startedFixedPool(plan.parallelism(), threads);
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
            return RunMeasurement.inProcess(wall, threads.cpuNanos(), records, Observations.NONE);
        } finally {
            stop(pool);
        }
    }
}
