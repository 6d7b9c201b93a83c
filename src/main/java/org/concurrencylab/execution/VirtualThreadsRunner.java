package org.concurrencylab.execution;

import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.WorkKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Workload;

/**
 * {@code VIRTUAL_THREADS}: one virtual thread per task ({@code lab-virtual-N}). A semaphore of
 * {@code parallelism} permits caps how many run at once; 0 means no cap. Observations: threads
 * started, the most tasks seen running at once, and pinned-carrier events.
 */
final class VirtualThreadsRunner extends InProcessRunner {

    static final Metric.Count VIRTUAL_THREADS_STARTED = Metric.count("virtualThreadsStarted", "threads",
            Aggregation.SUM, "one per task");
    static final Metric.Count PEAK_CONCURRENT_TASKS = Metric.count("peakConcurrentTasks", "tasks", Aggregation.MAX,
            "the most tasks seen running at once");
    static final Metric.Count CONCURRENCY_CAP = Metric.count("concurrencyCap", "tasks", Aggregation.SAME,
            "the most tasks allowed to run at once; 0: no cap");
    static final Metric.Count PINNED_EVENTS = Metric.count("pinnedEvents", "events", Aggregation.SUM,
            "jdk.VirtualThreadPinned JFR events: a virtual thread blocked while pinned to its carrier");
    static final Metric.Text PINNING = Metric.text("pinning", Aggregation.SAME,
            "whether pinning was watched: watched, or why not");

    @Override
    RunMeasurement run(RunPlan plan, Workload workload) throws InterruptedException, ExecutionFailedException {
        Semaphore cap = plan.parallelism() > 0 ? new Semaphore(plan.parallelism()) : null;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Future<TaskRecord>> futures = new ArrayList<>(plan.tasks());
        // A JFR recording costs tens of milliseconds of CPU to start and stop, beside the run's tasks;
        // CPU-bound kernels never block, so they can never block while pinned: nothing to watch.
        boolean canBlock = plan.workload().work() != WorkKind.CPU;
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
            Observations.Builder observations = Observations.builder()
                    .put(VIRTUAL_THREADS_STARTED, futures.size())
                    .put(PEAK_CONCURRENT_TASKS, peak.get())
                    .put(CONCURRENCY_CAP, Math.max(0, plan.parallelism()));
            long pinned = pinning.stop();
            if (!canBlock) {
                observations.put(PINNING, "not watched: CPU-bound tasks never block");
            } else if (pinning.available()) {
                observations.put(PINNING, "watched").put(PINNED_EVENTS, pinned);
            } else {
                observations.put(PINNING, "unavailable: JFR could not start");
            }
            return RunMeasurement.inProcess(wall, cpu, records, observations.build());
        }
    }
}
