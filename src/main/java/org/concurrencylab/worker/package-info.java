/**
 * The worker JVM of the {@code PROCESSES} model: its main class and the typed frames it exchanges
 * with the server over stdin/stdout. Plain Java with no Spring on its import list (like
 * {@code workload}, the only other package in the worker jar), because a worker must start fast
 * and run exactly the same workload code as the in-process models.
 */
package org.concurrencylab.worker;
