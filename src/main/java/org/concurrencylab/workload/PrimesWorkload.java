package org.concurrencylab.workload;

import org.concurrencylab.core.Param;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.WorkKind;
import org.concurrencylab.core.Workload;
import org.concurrencylab.core.WorkloadDefinition;

/**
 * Counts primes by trial division. Deliberately naive: the point is steady, cache-friendly CPU
 * work whose cost is known, not fast prime finding. Nothing is shared between tasks, and the
 * count is returned so the JIT cannot drop the loop.
 */
final class PrimesWorkload implements Workload {

    static final Param.Int SIZE = Param.integer("size", "numbers examined per task", "numbers", 20_000, 1, 10_000_000);

    static final WorkloadDefinition DEFINITION = WorkloadDefinition.builder("cpu.primes", WorkKind.CPU)
            .description("CPU-bound: task i counts the primes in [i*size, (i+1)*size) by trial division. Shows that "
                    + "parallel threads or processes speed up pure computation only when the runtime lets them "
                    + "execute at once.")
            .params(SIZE)
            .factory(p -> new PrimesWorkload(p.get(SIZE)))
            .build();

    private final long size;

    PrimesWorkload(long size) {
        this.size = size;
    }

    @Override
    public long runTask(int taskIndex, TaskContext context) throws InterruptedException {
        long from = taskIndex * size;
        long to = from + size;
        long count = 0;
        for (long n = from; n < to; n++) {
            if (isPrime(n)) {
                count++;
            }
            // Every 256 numbers is often enough for a 5 ms switch interval, and for a cancel to stop a
            // long task promptly, and rare enough to cost nothing.
            if ((n & 0xFF) == 0) {
                context.checkpoint();
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stopped at " + n);
                }
            }
        }
        return count;
    }

    static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        if (n < 4) {
            return true;
        }
        if (n % 2 == 0) {
            return false;
        }
        for (long d = 3; d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
