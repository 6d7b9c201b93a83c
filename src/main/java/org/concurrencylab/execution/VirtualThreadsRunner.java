package org.concurrencylab.execution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.concurrencylab.workload.TaskContext;
import org.concurrencylab.workload.TaskRecord;
import org.concurrencylab.workload.Workload;

/**
 * {@code VIRTUAL_THREADS}: one virtual thread per task ({@code lab-virtual-N}). A semaphore of
 * {@code parallelism} permits caps how many run at once; 0 means no cap. Observations: threads
 * started, the most tasks seen running at once, and pinned-carrier events.
 */
final class VirtualThreadsRunner extends InProcessRunner {

    @Override
    RunMeasurement run(RunPlan plan, Workload workload) throws InterruptedException, ExecutionFailedException {
        Semaphore cap = plan.parallelism() > 0 ? new Semaphore(plan.parallelism()) : null;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Future<TaskRecord>> futures = new ArrayList<>(plan.tasks());
        // A JFR recording costs tens of milliseconds of CPU to start and stop, beside the run's tasks;
        // CPU-bound kernels never block, so they can never block while pinned: nothing to watch.
        boolean canBlock = !plan.kind().id().startsWith("cpu.");
        try (PinningMonitor pinning = canBlock ? PinningMonitor.start() : PinningMonitor.none()) {
            Map<Long, Long> carriersBefore = ThreadCpu.carriers();
            long start = System.nanoTime();
            List<TaskRecord> records;
            ExecutorService executor =
                    Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lab-virtual-", 1).factory());
            try {
                for (int i = 0; i < plan.tasks(); i++) {
                    int index = i;
                    long submitted = System.nanoTime();
                    futures.add(executor.submit(() -> {
                        if (cap != null) {
                            cap.acquire();
                        }
                        peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                        try {
                            return TaskRecord.run(workload, index, TaskContext.DIRECT).submittedAt(submitted);
                        } finally {
                            running.decrementAndGet();
                            if (cap != null) {
                                cap.release();
                            }
                        }
                    }));
                }
                records = TaskResults.collect(futures);
            } finally {
                PoolShutdown.stop(executor, "lab-virtual");
            }
            long wall = System.nanoTime() - start;
            long cpu = ThreadCpu.carriersUsed(carriersBefore, ThreadCpu.carriers());
            Map<String, Object> observations = new LinkedHashMap<>();
            observations.put("virtualThreadsStarted", futures.size());
            observations.put("peakConcurrentTasks", peak.get());
            observations.put("concurrencyCap", plan.parallelism() > 0 ? plan.parallelism() : "none");
            long pinned = pinning.stop();
            observations.put("pinnedEvents",
                    !canBlock ? "not watched: CPU-bound tasks never block" : pinning.available() ? pinned : "unavailable");
            return RunMeasurement.inProcess(wall, cpu, records, observations);
        }
    }
}
