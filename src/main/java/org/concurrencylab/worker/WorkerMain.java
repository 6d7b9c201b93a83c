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
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observations;

/**
 * The main class of a worker JVM. It says READY, takes a CONFIGURE (answering CONFIGURED once the
 * workload is built), then hands each chunk of TASKS and each OBSERVE to its {@link TaskThread},
 * which answers them (RESULTS or FAILED, OBSERVATIONS); each PING (the ipc.pipe lab) is echoed at
 * once as a PONG with the same bytes. An ATTACH (ipc.shared) maps the run's shared region for the
 * workload the next CONFIGURE builds. A task may call the server (ipc.manager, ipc.queue) through
 * {@link ServerCalls}; this thread hands it the answers.
 *
 * <p>The main thread only reads stdin; tasks run on a second thread. So when stdin ends (the
 * server closed it, or the server died and the OS closed it) the worker halts at once, even in
 * the middle of a long task: a dead server never leaves an orphan burning a core.
 */
public final class WorkerMain {

    /** Stdin ended: the server is done with us or gone. Not an error. */
    static final int EXIT_STDIN_CLOSED = 0;
    /** The server sent bytes that are not a frame of this protocol. */
    static final int EXIT_PROTOCOL_ERROR = 2;
    /** A task thread died of an {@link Error} (out of memory, stack overflow) or a pipe broke. */
    static final int EXIT_CRASHED = 3;

    private final DataInputStream in;
    private final DataOutputStream out;
    private final TaskThread tasks;
    // ipc.manager and ipc.queue: the tasks' calls to the server, answered through the main thread.
    private final ServerCalls calls;
    // ipc.shared's region (from ATTACH) and the calls, for the workload the next CONFIGURE builds.
    private final Connections connections;

    WorkerMain(DataInputStream in, DataOutputStream out) {
        this.in = in;
        this.out = out;
        this.tasks = new TaskThread(out);
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
            // READY as soon as frames can flow; the warm-up follows while the server turns READY
            // into a CONFIGURE, and CONFIGURE waits for it (see warmUp).
            Frames.send(out, new Frame.Ready(ProcessHandle.current().pid()));
            Future<Frame> warm = warmUp();
            while (true) {
                Frame frame = Frames.read(in);
                // On the type enum, not a pattern switch on the frame: see Frames.write.
                switch (frame.type()) {
                    case ATTACH -> connections.attach((Frame.Attach) frame);
                    case CONFIGURE -> {
                        awaitWarm(warm);
                        tasks.configure((Frame.Configure) frame, connections);
                        Frames.send(out, new Frame.Configured());
                    }
                    // Timed from here, so the worker's reported time covers the hand-over to the task thread.
                    case TASKS -> tasks.run((Frame.Tasks) frame, System.nanoTime());
                    // Behind any chunk on the task thread, so the observations cover every task run.
                    case OBSERVE -> tasks.observe();
                    // Echoed by this thread at once: ipc.pipe measures the pipe, not a hand-over.
                    case PING -> Frames.send(out, new Frame.Pong(((Frame.Ping) frame).payload()));
                    // The answer to a task's call to the server: the task thread waits for it.
                    case INCREMENTED, ITEM -> calls.answered(frame);
                    default -> throw new FrameException(
                            "the server sent " + frame.type() + ", which only a worker may send");
                }
            }
        } catch (EOFException e) {
            // The run is over (or the server is gone): release what the workload holds.
            tasks.close();
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
     * Pays once, before the first CONFIGURE is answered, what a worker's first chunk would otherwise
     * pay: starting the task thread, initializing the CPU clock a chunk's answer reads (the JDK's
     * thread MXBean, hundreds of java.management classes) and the first encode and decode of every
     * frame. It runs after READY, while the server sends its CONFIGURE (the task thread's part on
     * that thread, the frames' part here), so READY is the JVM's own start-up and no task time or
     * pipe round trip carries a share of the warm-up: CONFIGURE waits for it, which the server
     * reports as configureMillis. Classes, not lambdas, throughout: a lambda is linked at first use,
     * which would be start-up paid for nothing.
     *
     * @return the task thread's part, done when its one-task chunk is answered
     */
    private Future<Frame> warmUp() throws IOException {
        Future<Frame> answered = tasks.warmUp();
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
        DataInputStream back = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        for (int i = 0; i < frames.length; i++) {
            Frames.read(back);
        }
        return answered;
    }

    /**
     * Waits for the warm-up's task-thread part (at once after the first time) and encodes its
     * answer, a RESULTS frame, once: the last frame type the warm-up had not written.
     */
    private static void awaitWarm(Future<Frame> warm) throws IOException {
        try {
            Frames.write(new DataOutputStream(OutputStream.nullOutputStream()), warm.get());
        } catch (InterruptedException | ExecutionException e) {
            throw new IOException("warm-up task failed: " + e, e);
        }
    }
}
