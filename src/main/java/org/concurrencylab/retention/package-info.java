/**
 * What is stored, and for how long: the retention rules ({@code lab.retention.*}) that remove the
 * oldest finished experiments, and finished studies whole with their cells, on a schedule. Never a
 * queued or running experiment, never a cell of a study that is kept. Off by default.
 */
package org.concurrencylab.retention;
