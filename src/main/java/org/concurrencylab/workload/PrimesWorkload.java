package org.concurrencylab.workload;

/**
 * Counts primes by trial division. Deliberately naive: the point is steady, cache-friendly CPU
 * work whose cost is known, not fast prime finding. Nothing is shared between tasks, and the
 * count is returned so the JIT cannot drop the loop.
 */
final class PrimesWorkload implements Workload {

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
