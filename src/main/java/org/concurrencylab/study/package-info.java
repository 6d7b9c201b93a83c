/**
 * Studies: one workload run over a grid of execution models and parallelism values. Each cell is
 * an ordinary experiment with {@code baseline: true}, so its speedup is measured against a
 * SEQUENTIAL baseline run inside that same experiment; the study's table copies each cell's
 * summary unchanged.
 */
package org.concurrencylab.study;
