package org.concurrencylab.workload;

/**
 * The worker's side of {@code ipc.pipe}, which has nothing to compute: the server streams PING
 * frames to the worker and its reader thread echoes each one straight back as a PONG, so the lab
 * times the pipe and the framing, nothing else. A task of ipc.pipe is one stream of messages, run
 * by the server's worker pool (see {@code WorkerPool}), never by a worker's task thread and never
 * in-process, where threads share memory and there is no pipe to measure.
 */
final class PipeWorkload implements Workload {

    /** At most this many payload bytes in one run (messages x payloadBytes x tasks): 256 MiB. */
    public static final long MAX_BYTES_PER_RUN = 256L << 20;

    @Override
    public long runTask(int taskIndex, TaskContext context) {
        throw new UnsupportedOperationException("ipc.pipe has no task to run in a JVM: the server's worker pool "
                + "exchanges its messages with a worker JVM over the pipe");
    }
}
