package org.concurrencylab.worker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Workload;
import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.workload.Workloads;

/**
 * The main class of a worker JVM. It says READY, takes a CONFIGURE (answering CONFIGURED once the
 * workload is built), then runs each chunk of
 * TASKS with {@link TaskRecord#run} and {@link TaskContext#DIRECT}, the same code the in-process
 * models run, and answers RESULTS, or FAILED for the first task of the chunk that threw. OBSERVE
 * is answered with the workload's OBSERVATIONS once every chunk before it is done; each PING (the
 * ipc.pipe lab) is echoed at once as a PONG with the same bytes. An ATTACH (ipc.shared) maps the
 * run's shared region for the workload the next CONFIGURE builds. A task may call the server
 * (ipc.manager, ipc.queue) through {@link ServerCalls}; this thread hands it the answers.
 *
 * <p>The main thread only reads stdin; tasks run on a second thread. So when stdin ends (the
 * server closed it, or the server died and the OS closed it) the worker halts at once, even in
 * the middle of a long task: a dead server never leaves an orphan burning a core.
 */
public final class WorkerMain {

    private static final ThreadMXBean TASK_THREAD_CPU = ManagementFactory.getThreadMXBean();

    /** Stdin ended: the server is done with us or gone. Not an error. */
    static final int EXIT_STDIN_CLOSED = 0;
    /** The server sent bytes that are not a frame of this protocol. */
    static final int EXIT_PROTOCOL_ERROR = 2;
    /** A task thread died of an {@link Error} (out of memory, stack overflow) or a pipe broke. */
    static final int EXIT_CRASHED = 3;

    private final DataInputStream in;
    private final DataOutputStream out;
    // One chunk at a time, in order: the server keeps at most one chunk in flight per worker.
    private final ExecutorService taskThread =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("lab-worker-task").daemon().factory());
    // Set by CONFIGURE on the reader thread, which the server sends only while no chunk is in
    // flight; read by the task thread after a chunk is handed over.
    private volatile Workload workload;
    private volatile String configureError = "no CONFIGURE frame before the first TASKS";
    // ipc.manager and ipc.queue: the tasks' calls to the server, answered through the main thread.
    private final ServerCalls calls;
    // ipc.shared's region (from ATTACH) and the calls, for the workload the next CONFIGURE builds.
    private final Connections connections;

    WorkerMain(DataInputStream in, DataOutputStream out) {
        this.in = in;
        this.out = out;
        this.calls = new ServerCalls(out);
        this.connections = new Connections(calls);
    }

    public static void main(String[] args) {
        // Frames own the real stdout. Anything else that prints (a workload, a library, the JVM with
        // -XX:+DisplayVMOutputToStderr) goes to stderr, where the server keeps it for error messages.
        FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stdout));
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        // halt, not exit: the workload is closed already, and it must not wait for a task still running.
        Runtime.getRuntime().halt(new WorkerMain(in, out).serve());
    }

    /** Serves frames until stdin ends; returns the exit status. */
    int serve() {
        try {
            warmUp();
            send(new Frame.Ready(ProcessHandle.current().pid()));
            while (true) {
                Frame frame = Frames.read(in);
                // On the type enum, not a pattern switch on the frame: see Frames.write.
                switch (frame.type()) {
                    case ATTACH -> connections.attach((Frame.Attach) frame);
                    case CONFIGURE -> {
                        configure((Frame.Configure) frame);
                        send(new Frame.Configured());
                    }
                    // Timed from here, so the worker's reported time covers the hand-over to the task thread.
                    case TASKS -> taskThread.execute(new Chunk((Frame.Tasks) frame, System.nanoTime()));
                    // Behind any chunk on the task thread, so the observations cover every task run.
                    case OBSERVE -> taskThread.execute(new Observe());
                    // Echoed by this thread at once: ipc.pipe measures the pipe, not a hand-over.
                    case PING -> send(new Frame.Pong(((Frame.Ping) frame).payload()));
                    // The answer to a task's call to the server: the task thread waits for it.
                    case INCREMENTED, ITEM -> calls.answered(frame);
                    default -> throw new FrameException(
                            "the server sent " + frame.type() + ", which only a worker may send");
                }
            }
        } catch (EOFException e) {
            // The run is over (or the server is gone): release what the workload holds, such as a
            // temp folder, so nothing outlives the experiment; a workload's close() is quick.
            closeQuietly(workload);
            return EXIT_STDIN_CLOSED;
        } catch (FrameException e) {
            System.err.println("worker: protocol error on stdin: " + e.getMessage());
            return EXIT_PROTOCOL_ERROR;
        } catch (IOException e) {
            System.err.println("worker: cannot use stdin/stdout: " + e);
            return EXIT_CRASHED;
        }
    }

    /**
     * A kind or params the worker cannot build is not fatal here: every task then answers FAILED
     * with the reason, so the server reports it like any task failure.
     */
    private void configure(Frame.Configure configure) {
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
                send(answer(tasks, receivedNanos));
            } catch (IOException | Error e) {
                // The server no longer hears us, or the JVM is in trouble: either way this worker is done.
                System.err.println("worker: chunk from task " + tasks.first() + " crashed the worker: " + e);
                e.printStackTrace();
                System.err.flush();
                Runtime.getRuntime().halt(EXIT_CRASHED);
            }
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

    /** The answer to OBSERVE, on the task thread. A class for the reason {@link Chunk} is. */
    private final class Observe implements Runnable {

        @Override
        public void run() {
            try {
                send(observations(workload));
            } catch (IOException | RuntimeException | Error e) {
                System.err.println("worker: reporting observations crashed the worker: " + e);
                e.printStackTrace();
                System.err.flush();
                Runtime.getRuntime().halt(EXIT_CRASHED);
            }
        }
    }

    private static Frame.Observations observations(Workload current) {
        return new Frame.Observations(current == null ? Observations.NONE : current.observations());
    }

    /**
     * Pays before READY what a worker's first chunk would otherwise pay once: starting the task
     * thread, initializing the CPU clock a chunk's answer reads (the JDK's thread MXBean), and
     * the first encode and decode of every frame (class loading): milliseconds on a fresh JVM,
     * against a fraction of a millisecond for later chunks. Paid here, spawn-to-READY is the whole
     * cost of getting a worker, and no task time or pipe round trip carries a share of it. The task
     * thread's part runs while this thread does the frames' part. Classes, not lambdas, throughout:
     * a lambda is linked at first use, which would be start-up paid for nothing.
     */
    private void warmUp() throws IOException {
        Future<Frame> answered = taskThread.submit(new WarmUpChunk());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream sample = new DataOutputStream(bytes);
        Observations observations = Observations.builder()
                .put(Metric.count("l", "", Aggregation.SUM, ""), 1L)
                .put(Metric.real("d", "", Aggregation.SUM, ""), 1.0)
                .put(Metric.text("s", Aggregation.SAME, ""), "s")
                .put(Metric.flag("z", ""), true)
                .build();
        Frame[] frames = {
            new Frame.Failed(0, "warm-up"), new Frame.Tasks(0, 1), new Frame.Configure("warm-up", Map.of("n", 1L)),
            new Frame.Configured(), new Frame.Ready(0), new Frame.Observe(), new Frame.Observations(observations),
            new Frame.Ping(new byte[1]), new Frame.Pong(new byte[1]), new Frame.Attach(1, 1),
            new Frame.Incremented(1), new Frame.Item(1, new byte[1])
        };
        for (Frame frame : frames) {
            Frames.write(sample, frame);
        }
        try {
            Frames.write(sample, answered.get());
        } catch (InterruptedException | ExecutionException e) {
            throw new IOException("warm-up task failed: " + e, e);
        }
        DataInputStream back = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        for (int i = 0; i <= frames.length; i++) {
            Frames.read(back);
        }
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

    private static Frame answer(Workload current, Frame.Tasks tasks, long receivedNanos) {
        List<TaskRecord> records = new ArrayList<>(tasks.count());
        // Once per chunk, not per task: a thread CPU clock read is a system call.
        long cpuStart = TASK_THREAD_CPU.getCurrentThreadCpuTime();
        for (int index = tasks.first(); index < tasks.first() + tasks.count(); index++) {
            try {
                records.add(TaskRecord.run(current, index, TaskContext.DIRECT));
            } catch (RuntimeException | InterruptedException e) {
                return new Frame.Failed(index, e.toString());
            }
        }
        long cpu = Math.max(0, TASK_THREAD_CPU.getCurrentThreadCpuTime() - cpuStart);
        return new Frame.Results(System.nanoTime() - receivedNanos, cpu, records);
    }

    private void send(Frame frame) throws IOException {
        synchronized (out) {
            Frames.write(out, frame);
            out.flush();
        }
    }
}
