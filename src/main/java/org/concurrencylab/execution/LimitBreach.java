package org.concurrencylab.execution;

import java.util.Optional;

/**
 * Which of its limits a worker JVM ran into, told from how it ended: its exit status (SIGXCPU),
 * the JVM's last words on stderr (with {@code -XX:+ExitOnOutOfMemoryError} the JVM names the
 * memory it ran out of), or the message of a task that failed (the OS refuses a file past the size
 * limit, or one file too many, with an error the task reports). Worded for the experiment's reason,
 * with the setting that raises the limit.
 */
final class LimitBreach {

    /** How a process killed by SIGXCPU (signal 24) exits, as Java reports it: 128 + the signal. */
    static final int EXIT_SIGXCPU = 128 + 24;

    private final WorkerLimits limits;
    private final int cpuSeconds;

    LimitBreach(WorkerLimits limits, int cpuSeconds) {
        this.limits = limits;
        this.cpuSeconds = cpuSeconds;
    }

    /**
     * The limit a worker ran into, as "its heap limit (...)", from its exit code (null while it still
     * runs), the last lines of its stderr and whether it wrote more there than it may.
     */
    Optional<String> ofExit(Integer exitCode, String stderrTail, boolean stderrOverflowed) {
        if (stderrOverflowed) {
            return Optional.of("its stderr output limit (lab.limits.workers.stderr-kb = " + limits.stderrKb() + " KiB)");
        }
        if (exitCode != null && exitCode == EXIT_SIGXCPU) {
            return Optional.of("its CPU time limit of " + cpuSeconds + " s (lab.limits.workers.cpu-seconds; by default "
                    + "twice the experiment's time limit and 10 s)");
        }
        return ofText(stderrTail);
    }

    /** The limit a task's failure message names, if any (the OS's words for it). */
    Optional<String> ofTaskFailure(String message) {
        return ofText(message);
    }

    private Optional<String> ofText(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.contains("OutOfMemoryError: Java heap space") || text.contains("OutOfMemoryError: GC overhead")
                || text.contains("OutOfMemoryError: Requested array size")) {
            return Optional.of("its heap limit (lab.limits.workers.heap-mb = " + limits.heapMb() + " MiB)");
        }
        if (text.contains("OutOfMemoryError: Metaspace") || text.contains("OutOfMemoryError: Compressed class space")) {
            return Optional.of("its metaspace limit (lab.limits.workers.metaspace-mb = " + limits.metaspaceMb() + " MiB)");
        }
        if (text.contains("unable to create native thread") || text.contains("pthread_create failed")) {
            return Optional.of("its limit on processes and threads (lab.limits.workers.processes = " + limits.processes()
                    + ", counted over every process of the lab's OS user)");
        }
        if (text.contains("Too many open files")) {
            return Optional.of("its open files limit (lab.limits.workers.open-files = " + limits.openFiles() + ")");
        }
        if (text.contains("File too large")) {
            return Optional.of("its file size limit (lab.limits.workers.file-size-mb = " + limits.fileSizeMb() + " MiB)");
        }
        return Optional.empty();
    }
}
