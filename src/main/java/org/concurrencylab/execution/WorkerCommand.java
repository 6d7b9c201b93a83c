package org.concurrencylab.execution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The command lines of worker JVMs, built here alone from server settings, never from user input.
 *
 * @param java the server's own {@code java}, so workers measure the same runtime as in-process models
 * @param workerDir where the worker jar, AOT cache and crash reports live
 * @param jar the worker jar ({@link WorkerJar})
 * @param limits heap, metaspace and GC of each worker
 */
record WorkerCommand(Path java, Path workerDir, Path jar, WorkerLimits limits) {

    /** The OS's {@code nice}, if it has one where it usually is. */
    private static final Path NICE = Stream.of(Path.of("/usr/bin/nice"), Path.of("/bin/nice"))
            .filter(Files::isExecutable).findFirst().orElse(null);

    static WorkerCommand forRunningJdk(Path workerDir, Path jar, WorkerLimits limits) {
        return new WorkerCommand(Path.of(System.getProperty("java.home"), "bin", "java"), workerDir, jar, limits);
    }

    /** A worker: the JVM flags, then {@code aotFlags} (none, or the cache to start from), the jar and main class. */
    List<String> worker(List<String> aotFlags) {
        List<String> command = jvm();
        //    The AOT cache once it is built: the worker's classes come loaded and linked. Never
        //    with an -Xshare flag, which makes the JVM exit at once.
        command.addAll(aotFlags);
        classpath(command);
        // 5. The main class. No arguments: the workload goes over stdin as a CONFIGURE frame.
        command.add(WorkerJar.MAIN_CLASS);
        return command;
    }

    /**
     * Marks a JVM that builds or checks a worker cache: the server starts those on its own, in the
     * background, and they are no experiment's workers (an operator, or a test counting an
     * experiment's worker JVMs, can tell them apart). A system property nothing reads.
     */
    static final String CACHE_JVM = "-Dlab.worker.purpose=aot-cache";

    /** A training run: a worker with {@code trainingFlags}, marked, in the background ({@link #background}). */
    List<String> training(List<String> trainingFlags) {
        List<String> flags = new ArrayList<>(List.of(CACHE_JVM));
        flags.addAll(trainingFlags);
        return background(worker(flags));
    }

    /**
     * JDK 24's second step: a JVM that only creates the cache from the recorded configuration. Same
     * flags as a worker, because a cache is only used by a JVM whose settings match it.
     */
    List<String> aotCreate(Path configuration, Path cache) {
        List<String> command = jvm();
        command.add(CACHE_JVM);
        command.add("-XX:AOTMode=create");
        command.add("-XX:AOTConfiguration=" + configuration);
        command.add("-XX:AOTCache=" + cache);
        classpath(command);
        return background(command);
    }

    /**
     * {@code command} at the lowest CPU priority where the OS has {@code nice}: a cache is built while
     * experiments may run, and should take only the CPU time they leave.
     */
    static List<String> background(List<String> command) {
        if (NICE == null) {
            return command;
        }
        List<String> niced = new ArrayList<>(List.of(NICE.toString(), "-n", "19"));
        niced.addAll(command);
        return niced;
    }

    /** The flags a cache depends on besides the jar and the JDK: part of the cache's name. */
    List<String> cacheKeyFlags() {
        return gcAndHeap(new ArrayList<>());
    }

    private List<String> jvm() {
        List<String> command = new ArrayList<>();
        // 1. The very JVM the server runs on.
        command.add(java.toString());
        // 2. Everything the VM itself prints goes to stderr, so nothing but frames ever reaches
        //    stdout. DisplayVMOutputToStderr covers the VM's own messages; unified logging writes
        //    its warnings to stdout by default, so they are re-routed (same level).
        command.add("-XX:+DisplayVMOutputToStderr");
        command.add("-Xlog:disable");
        command.add("-Xlog:all=warning:stderr");
        //    A JVM crash report goes beside the jar instead of into the server's working directory.
        command.add("-XX:ErrorFile=" + workerDir.resolve("hs_err_pid%p.log"));
        //    No hsperfdata file: creating and mapping it costs a worker about 5 ms of start-up
        //    (benchmark 3 of issue 6), and nothing reads a worker's perf counters. jcmd still
        //    attaches by pid.
        command.add("-XX:-UsePerfData");
        //    The server's temp folder, where a worker finds the shared region of an ipc.shared run by
        //    the number the server named it by (see SharedRegion); a server setting, not user input.
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        //    A worker out of heap or metaspace ends at once, saying which on stderr, rather than
        //    limping on with threads that died of it (LimitBreach reads it).
        command.add("-XX:+ExitOnOutOfMemoryError");
        // 3. A bounded heap and metaspace and, by default, the Serial GC; the JIT keeps all its
        //    tiers, because workers do CPU work and must run it as fast as the in-process models.
        return gcAndHeap(command);
    }

    private List<String> gcAndHeap(List<String> command) {
        command.add("-Xmx" + limits.heapMb() + "m");
        command.add("-XX:MaxMetaspaceSize=" + limits.metaspaceMb() + "m");
        if (limits.serialGc()) {
            command.add("-XX:+UseSerialGC");
        }
        return command;
    }

    private void classpath(List<String> command) {
        // 4. Only the worker jar on the classpath: the worker and workload packages, no Spring. A
        //    jar, not a folder, also because an AOT cache only holds classes loaded from jars.
        command.add("-cp");
        command.add(jar.toString());
    }
}
