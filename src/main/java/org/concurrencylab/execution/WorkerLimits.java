package org.concurrencylab.execution;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What each worker JVM of the {@code PROCESSES} model may use and how it starts
 * ({@code lab.limits.workers.*}). The server alone turns these into JVM flags.
 *
 * @param heapMb the heap of each worker ({@code -Xmx}); with up to 16 workers per experiment an
 *     unbounded default heap (a quarter of RAM each) could overcommit a shared lab machine
 * @param aotCache start workers from a JDK AOT cache of the worker jar (JDK 24+), built once in the
 *     background for the running JDK; cuts a worker's spawn-to-ready time by a third to a half
 * @param serialGc run workers on the Serial GC: a worker is one task thread on a small heap, where
 *     G1's concurrent threads and regions only cost start-up time (about 20 ms
 *     here without the AOT cache) and memory
 */
@Validated
@ConfigurationProperties("lab.limits.workers")
record WorkerLimits(
        @DefaultValue("256") @Min(16) @Max(8192) int heapMb,
        @DefaultValue("true") boolean aotCache,
        @DefaultValue("true") boolean serialGc) {}
