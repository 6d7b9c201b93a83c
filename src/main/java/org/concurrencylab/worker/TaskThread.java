package org.concurrencylab.worker;

import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Workload;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.workload.Workloads;

/**
 * A worker's task thread ({@code lab-worker-task}) and the workload it runs: CONFIGURE builds the
 * workload, each chunk of TASKS runs on this thread with {@link TaskRecord#run} and
 * {@link TaskContext#DIRECT}, the same code the in-process models run, and is answered with
 * RESULTS, or FAILED for the first task of the chunk that threw; OBSERVE is answered with the
 * workload's OBSERVATIONS once every chunk before it is done. The worker's main thread hands the
 * frames over ({@link WorkerMain}), so it can keep reading stdin while a task runs.
 */
final class TaskThread {

    private final DataOutputStream out;
    // One chunk at a time, in order: the server keeps at most one chunk in flight per worker.
    private final ExecutorService thread =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("lab-worker-task").daemon().factory());
    // Set by CONFIGURE on the reader thread, which the server sends only while no chunk is in
    // flight; read by the task thread after a chunk is handed over.
    private volatile Workload workload;
    private volatile String configureError = "no CONFIGURE frame before the first TASKS";

    TaskThread(DataOutputStream out) {
        this.out = out;
    }

    /**
     * Builds the workload the following chunks run, connected to what the worker holds for it. A
     * kind or params the worker cannot build is not fatal here: every task then answers FAILED
     * with the reason, so the server reports it like any task failure.
     */
    void configure(Frame.Configure configure, Connections connections) {
        // The server sends CONFIGURE only while no chunk is in flight, so the old workload is idle.
        closeQuietly(workload);
        workload = null;
        Workload built = null;
        try {
            built = definition(configure.kindId()).create(new ParamValues(configure.params()));
            connections.connect(built, configure.kindId());
            workload = built;
        } catch (RuntimeException e) {
            closeQuietly(built);
            configureError = "cannot configure workload: " + e.getMessage();
        }
    }

    /** Runs a chunk received at {@code receivedNanos}, behind any chunk before it, and answers it. */
    void run(Frame.Tasks tasks, long receivedNanos) {
        thread.execute(new Chunk(tasks, receivedNanos));
    }

    /** Answers OBSERVE behind any chunk on the task thread, so the observations cover every task run. */
    void observe() {
        thread.execute(new Observe());
    }

    /**
     * The task thread's part of the worker's warm-up: starting the thread, initializing the CPU
     * clock a chunk's answer reads (the JDK's thread MXBean) and running a one-task chunk.
     */
    Future<Frame> warmUp() {
        return thread.submit(new WarmUpChunk());
    }

    /**
     * Releases what the workload holds, such as a temp folder, so nothing outlives the experiment;
     * a workload's close() is quick.
     */
    void close() {
        closeQuietly(workload);
    }

    private static void closeQuietly(Workload previous) {
        if (previous == null) {
            return;
        }
        try {
            previous.close();
        } catch (RuntimeException e) {
            System.err.println("worker: closing the previous workload failed: " + e);
        }
    }

    /** A loop, not {@link Workloads#byId}'s Optional: no lambda for a fresh JVM to link first. */
    private static WorkloadDefinition definition(String id) {
        for (WorkloadDefinition definition : Workloads.ALL) {
            if (definition.id().equals(id)) {
                return definition;
            }
        }
        throw new IllegalArgumentException("unknown workload " + id);
    }

    /**
     * A chunk on its way to the task thread. A class rather than a lambda: a lambda's call site is
     * linked the first time it runs, which a worker's first chunk would pay for (milliseconds).
     */
    private final class Chunk implements Runnable {

        private final Frame.Tasks tasks;
        private final long receivedNanos;

        Chunk(Frame.Tasks tasks, long receivedNanos) {
            this.tasks = tasks;
            this.receivedNanos = receivedNanos;
        }

        @Override
        public void run() {
            try {
                Frames.send(out, answer(tasks, receivedNanos));
            } catch (IOException | Error e) {
                // The server no longer hears us, or the JVM is in trouble: either way this worker is done.
                System.err.println("worker: chunk from task " + tasks.first() + " crashed the worker: " + e);
                e.printStackTrace();
                System.err.flush();
                Runtime.getRuntime().halt(WorkerMain.EXIT_CRASHED);
            }
        }
    }

    /** The answer to OBSERVE, on the task thread. A class for the reason {@link Chunk} is. */
    private final class Observe implements Runnable {

        @Override
        public void run() {
            try {
                Frames.send(out, observations(workload));
            } catch (IOException | RuntimeException | Error e) {
                System.err.println("worker: reporting observations crashed the worker: " + e);
                e.printStackTrace();
                System.err.flush();
                Runtime.getRuntime().halt(WorkerMain.EXIT_CRASHED);
            }
        }
    }

    private static Frame.Observations observations(Workload current) {
        return new Frame.Observations(current == null ? Observations.NONE : current.observations());
    }

    /** A one-task chunk of a workload that does nothing, run on the task thread by {@link #warmUp}. */
    private static final class WarmUpChunk implements Callable<Frame>, Workload {

        @Override
        public Frame call() {
            return answer(this, new Frame.Tasks(0, 1), System.nanoTime());
        }

        @Override
        public long runTask(int taskIndex, TaskContext context) {
            return taskIndex;
        }
    }

    private Frame answer(Frame.Tasks tasks, long receivedNanos) {
        Workload current = workload;
        if (current == null) {
            return new Frame.Failed(tasks.first(), configureError);
        }
        return answer(current, tasks, receivedNanos);
    }

    /**
     * The thread MXBean, made on first use (the warm-up's chunk, on the task thread, after READY):
     * a holder class, so that a worker's start-up does not initialize java.management.
     */
    private static final class CpuClock {
        static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    }

    private static Frame answer(Workload current, Frame.Tasks tasks, long receivedNanos) {
        List<TaskRecord> records = new ArrayList<>(tasks.count());
        // Once per chunk, not per task: a thread CPU clock read is a system call.
        long cpuStart = CpuClock.THREADS.getCurrentThreadCpuTime();
        for (int index = tasks.first(); index < tasks.first() + tasks.count(); index++) {
            try {
                records.add(TaskRecord.run(current, index, TaskContext.DIRECT));
            } catch (RuntimeException | InterruptedException e) {
                return new Frame.Failed(index, e.toString());
            }
        }
        long cpu = Math.max(0, CpuClock.THREADS.getCurrentThreadCpuTime() - cpuStart);
        return new Frame.Results(System.nanoTime() - receivedNanos, cpu, records);
    }
}
