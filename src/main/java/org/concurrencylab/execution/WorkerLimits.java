package org.concurrencylab.execution;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What each worker JVM of the {@code PROCESSES} model may use and how it starts
 * ({@code lab.limits.workers.*}). The server alone turns these into JVM flags and OS limits; a
 * worker that runs into one fails its experiment with a reason that names it ({@link LimitBreach}).
 *
 * @param heapMb the heap of each worker ({@code -Xmx}); with up to 16 workers per experiment an
 *     unbounded default heap (a quarter of RAM each) could overcommit a shared lab machine
 * @param aotCache start workers from a JDK AOT cache of the worker jar (JDK 24+), built once in the
 *     background for the running JDK; cuts a worker's spawn-to-ready time by a third to a half
 * @param serialGc run workers on the Serial GC: a worker is one task thread on a small heap, where
 *     G1's concurrent threads and regions only cost start-up time (about 20 ms
 *     here without the AOT cache) and memory
 * @param metaspaceMb class metadata of each worker ({@code -XX:MaxMetaspaceSize}); a worker needs
 *     a few MiB
 * @param cpuSeconds CPU time each worker may use (OS limit); unset, twice the experiment's time
 *     limit and 10 s, since a worker's task thread is busy at most as long as the experiment runs
 *     and the JIT and GC threads add to it
 * @param openFiles open files of each worker (OS limit)
 * @param processes processes and threads (OS limit, Linux's {@code RLIMIT_NPROC}): counted over
 *     every process of the OS user the lab runs as, and not enforced for root
 * @param fileSizeMb the largest file a worker may write (OS limit); io.file writes at most 16 MiB
 * @param stderrKb what a worker may write to stderr before it is killed; the server keeps only the
 *     last lines anyway, this bounds the work of reading them
 */
@Validated
@ConfigurationProperties("lab.limits.workers")
record WorkerLimits(
        @DefaultValue("256") @Min(16) @Max(8192) int heapMb,
        @DefaultValue("true") boolean aotCache,
        @DefaultValue("true") boolean serialGc,
        @DefaultValue("" + DEFAULT_METASPACE_MB) @Min(4) @Max(4096) int metaspaceMb,
        @Min(1) Integer cpuSeconds,
        @DefaultValue("" + DEFAULT_OPEN_FILES) @Min(8) int openFiles,
        @DefaultValue("" + DEFAULT_PROCESSES) @Min(8) int processes,
        @DefaultValue("" + DEFAULT_FILE_SIZE_MB) @Min(1) int fileSizeMb,
        @DefaultValue("" + DEFAULT_STDERR_KB) @Min(1) int stderrKb) {

    static final int DEFAULT_METASPACE_MB = 64;
    static final int DEFAULT_OPEN_FILES = 1024;
    static final int DEFAULT_PROCESSES = 4096;
    static final int DEFAULT_FILE_SIZE_MB = 1024;
    static final int DEFAULT_STDERR_KB = 1024;

    @ConstructorBinding
    WorkerLimits {}

    /** The heap, the AOT cache and the GC given, every other limit at its default. */
    WorkerLimits(int heapMb, boolean aotCache, boolean serialGc) {
        this(heapMb, aotCache, serialGc, DEFAULT_METASPACE_MB, null, DEFAULT_OPEN_FILES, DEFAULT_PROCESSES,
                DEFAULT_FILE_SIZE_MB, DEFAULT_STDERR_KB);
    }

    /** The CPU seconds of a worker of an experiment with this time limit (0: none known); 0 means no limit. */
    int cpuSecondsFor(int timeLimitSeconds) {
        if (cpuSeconds != null) {
            return cpuSeconds;
        }
        return timeLimitSeconds > 0 ? 2 * timeLimitSeconds + 10 : 0;
    }
}
