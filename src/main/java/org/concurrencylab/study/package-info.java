/**
 * Studies: one workload run over a grid of execution models and parallelism values. Each cell is
 * an ordinary experiment with {@code baseline: true}, so its speedup is measured against a
 * SEQUENTIAL baseline run inside that same experiment; the study's table copies each cell's
 * summary unchanged. Swept param values and weak scaling only change what each cell runs; the
 * scaling laws (Amdahl, the Universal Scalability Law) are fitted to the cells' measured runs.
 */
package org.concurrencylab.study;
