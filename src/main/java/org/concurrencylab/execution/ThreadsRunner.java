package org.concurrencylab.execution;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import org.concurrencylab.workload.TaskContext;
import org.concurrencylab.workload.TaskRecord;
import org.concurrencylab.workload.Workload;

/**
 * A fixed pool of {@code parallelism} named platform threads per repetition, instrumented with
 * Micrometer's executor metrics under the name {@value #POOL_NAME}. A fresh pool per repetition
 * keeps one experiment's threads from ever serving another's tasks.
 */
final class ThreadsRunner implements ModelRunner {

    static final String POOL_NAME = "lab.threads";

    private final MeterRegistry registry;

    ThreadsRunner(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public RunMeasurement run(RunPlan plan) throws InterruptedException, ExecutionFailedException {
        Workload workload = plan.kind().create(plan.params());
        List<Callable<TaskRecord>> tasks = new ArrayList<>(plan.tasks());
        for (int i = 0; i < plan.tasks(); i++) {
            int index = i;
            tasks.add(() -> TaskRecord.run(workload, index, TaskContext.DIRECT));
        }
        ThreadFactory named = Thread.ofPlatform().name("lab-threads-", 1).factory();
        ExecutorService pool = Executors.newFixedThreadPool(plan.parallelism(), named);
        ExecutorService monitored = ExecutorServiceMetrics.monitor(registry, pool, POOL_NAME, List.<Tag>of());
        try {
            long start = System.nanoTime();
            List<Future<TaskRecord>> futures = monitored.invokeAll(tasks);
            long wall = System.nanoTime() - start;
            List<TaskRecord> records = new ArrayList<>(futures.size());
            for (int i = 0; i < futures.size(); i++) {
                records.add(resultOf(futures.get(i), i));
            }
            return new RunMeasurement(wall, RunMeasurement.NO_STARTUP, records, List.of());
        } finally {
            PoolShutdown.stop(monitored, "lab-threads");
            // Meters hold the finished pool; drop them so the next repetition registers its own.
            registry.getMeters().stream()
                    .filter(m -> POOL_NAME.equals(m.getId().getTag("name")))
                    .forEach(registry::remove);
        }
    }

    private static TaskRecord resultOf(Future<TaskRecord> future, int index)
            throws InterruptedException, ExecutionFailedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException) {
                throw new InterruptedException("task " + index + " interrupted");
            }
            throw new ExecutionFailedException("task " + index + " failed: " + cause, cause);
        }
    }
}
