/**
 * The lab's own Prometheus metrics ({@code lab_*}). They are fed by events and read-only gauges;
 * nothing in the lifecycle or the engine calls in here.
 */
package org.concurrencylab.metrics;
