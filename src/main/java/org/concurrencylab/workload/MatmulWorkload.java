package org.concurrencylab.workload;

import org.concurrencylab.core.Param;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.WorkKind;
import org.concurrencylab.core.Workload;
import org.concurrencylab.core.WorkloadDefinition;
import java.util.SplittableRandom;

/**
 * Multiplies two {@code n x n} matrices per task, the textbook i-k-j loop over flat arrays: about
 * 2n^3 floating-point operations on 3 n^2 doubles, so small sizes stay in cache and large ones
 * also test memory bandwidth, which parallel tasks share. Nothing else is shared: every task
 * builds its own matrices from a generator seeded by its index.
 *
 * <p>The entries are small integers held as doubles (in [-8, 8]), so every product and sum is
 * exact (at most n * 64 per entry, far below 2^53): the result is the same whatever order a JIT
 * or CPU adds in, and every model reports the same checksum. The checksum folds every entry of
 * the product in row-major order into a long, so the JIT cannot drop any of it.
 */
final class MatmulWorkload implements Workload {

    static final Param.Int N = Param.integer("n", "rows and columns of each matrix", "rows", 96, 1, 400);

    static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("cpu.matmul", WorkKind.CPU)
            .description("CPU-bound and memory-hungry: each task multiplies two seeded n x n matrices (2n^3 "
                    + "operations on 3n^2 doubles). Small n stays in each core's cache and scales with cores; large n "
                    + "also competes for memory bandwidth, which parallel tasks share.")
            .params(N)
            .factory(p -> new MatmulWorkload(p.get(N)))
            .build();

    private static final int ENTRY_BOUND = 8;

    private final int n;

    MatmulWorkload(long n) {
        this.n = Math.toIntExact(n);
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(taskIndex);
        double[] a = randomMatrix(random);
        double[] b = randomMatrix(random);
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int k = 0; k < n; k++) {
                double aik = a[row + k];
                int bRow = k * n;
                for (int j = 0; j < n; j++) {
                    c[row + j] += aik * b[bRow + j];
                }
            }
            // One row is n^2 multiply-adds: at most about 0.1 ms at the largest n.
            context.checkpoint();
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped at row " + i);
            }
        }
        long checksum = 0;
        for (double entry : c) {
            checksum = checksum * 31 + (long) entry;
        }
        return checksum;
    }

    private double[] randomMatrix(SplittableRandom random) {
        double[] m = new double[n * n];
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextInt(-ENTRY_BOUND, ENTRY_BOUND + 1);
        }
        return m;
    }
}
