package org.concurrencylab.execution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OS limits a worker JVM runs under, set by util-linux's {@code prlimit --pid} on the JVM just
 * started: CPU seconds, open files, processes and threads, file size, and no core dumps. The JDK
 * cannot set them itself, and {@code prlimit} takes everything as arguments, so no shell parses
 * anything. Set beside the JVM's start rather than before it ({@code prlimit ... -- java}): that
 * put prlimit's own start, about 4 ms, into every worker's start-up (BENCHMARKS.md, section 6.2);
 * started at the same moment it is done long before the JVM is, and a worker gets no work before
 * its limits are set ({@link WorkerProcess#awaitReady()} waits for them).
 *
 * <p>No limit is set above the server's own hard limit, which an unprivileged process could not
 * raise: the worker would not start at all. Where there is no {@code prlimit} (not Linux, a
 * minimal image) workers start with the server's limits and only the JVM's own bound them.
 */
final class OsLimits {

    /** SIGXCPU at the soft CPU limit, which ends a JVM; SIGKILL this much later should one survive it. */
    static final int CPU_HARD_GRACE_SECONDS = 5;

    private static final Pattern LIMIT_LINE = Pattern.compile("^(Max [a-z ]+?)\\s{2,}(\\S+)\\s+(\\S+)");

    static final OsLimits NONE = new OsLimits(null, Map.of());

    private final Path prlimit;
    /** This process's hard limits by /proc/self/limits name ("Max open files"); absent: unlimited or unknown. */
    private final Map<String, Long> hard;

    private OsLimits(Path prlimit, Map<String, Long> hard) {
        this.prlimit = prlimit;
        this.hard = hard;
    }

    /** prlimit from the PATH (or /usr/bin, /bin), with this process's hard limits as the ceiling. */
    static OsLimits ofThisMachine() {
        Path found = null;
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/bin", "/bin"));
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "prlimit"))) {
                found = Path.of(dir, "prlimit");
                break;
            }
        }
        return found == null ? NONE : new OsLimits(found, hardLimits(Path.of("/proc/self/limits")));
    }

    boolean available() {
        return prlimit != null;
    }

    /** The command that sets the limits on process {@code pid}: prlimit and the limits; nothing without prlimit. */
    List<String> command(long pid, WorkerLimits limits, int cpuSeconds) {
        if (prlimit == null) {
            return List.of();
        }
        List<String> command = new ArrayList<>(List.of(prlimit.toString(), "--pid=" + pid, "--core=0:0"));
        command.add(both("--nofile", "Max open files", limits.openFiles()));
        command.add(both("--nproc", "Max processes", limits.processes()));
        command.add(both("--fsize", "Max file size", (long) limits.fileSizeMb() << 20));
        if (cpuSeconds > 0) {
            long soft = capped("Max cpu time", cpuSeconds);
            command.add("--cpu=" + soft + ":" + capped("Max cpu time", soft + CPU_HARD_GRACE_SECONDS));
        }
        return command;
    }

    private String both(String option, String name, long value) {
        long limit = capped(name, value);
        return option + "=" + limit + ":" + limit;
    }

    private long capped(String name, long value) {
        return Math.min(value, hard.getOrDefault(name, Long.MAX_VALUE));
    }

    /** The hard column of /proc/self/limits, by name; "unlimited" and unreadable lines left out. */
    static Map<String, Long> hardLimits(Path limitsFile) {
        Map<String, Long> hard = new HashMap<>();
        try {
            for (String line : Files.readAllLines(limitsFile)) {
                Matcher m = LIMIT_LINE.matcher(line);
                if (m.find() && m.group(3).chars().allMatch(Character::isDigit)) {
                    hard.put(m.group(1), Long.parseLong(m.group(3)));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux, or no /proc: prlimit reports a limit it cannot set when the worker starts.
        }
        return hard;
    }
}
