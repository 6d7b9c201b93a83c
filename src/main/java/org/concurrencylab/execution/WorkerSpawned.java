package org.concurrencylab.execution;

/**
 * A worker JVM started and said READY. Published so metrics can record spawn time without the
 * execution engine calling into them.
 *
 * @param pid the worker's process id
 * @param spawnNanos from {@code ProcessBuilder.start()} to its READY frame received
 */
public record WorkerSpawned(long pid, long spawnNanos) {}
