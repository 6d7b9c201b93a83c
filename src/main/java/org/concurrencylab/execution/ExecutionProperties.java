package org.concurrencylab.execution;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this node runs experiments ({@code lab.execution.*}).
 *
 * @param concurrentExperiments experiments run at once on this node; 1 by default because
 *     experiments that share cores distort each other's numbers
 * @param pollInterval how often an idle node looks for work queued by other nodes
 * @param heartbeatInterval how often a node renews the lease on experiments it runs
 * @param leaseTimeout a RUNNING experiment whose lease is this old belongs to a dead node
 * @param nodeId this node's name in the shared queue; defaults to the host name
 * @param workerKillGrace how long a worker JVM gets to exit after SIGTERM before SIGKILL
 * @param workerDir where the worker jar is written; defaults to a folder under java.io.tmpdir
 */
@Validated
@ConfigurationProperties("lab.execution")
public record ExecutionProperties(
        @DefaultValue("1") @Min(1) int concurrentExperiments,
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("5s") @NotNull Duration heartbeatInterval,
        @DefaultValue("30s") @NotNull Duration leaseTimeout,
        String nodeId,
        @DefaultValue("2s") @NotNull Duration workerKillGrace,
        Path workerDir) {}
