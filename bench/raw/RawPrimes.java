import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The raw anchor for bench/fidelity.py: the lab's cpu.primes kernel timed by hand, with no lab code
 * at all. A plain ExecutorService with 1 thread (the sequential baseline) and with N threads runs the
 * same tasks; each run is timed with System.nanoTime from the first submit to the last result.
 *
 * The kernel below is COPIED BY HAND from the lab's
 * src/main/java/org/concurrencylab/workload/PrimesWorkload.java (task i counts the primes in
 * [i*size, (i+1)*size) by trial division, with a cancellation checkpoint every 256 numbers). It is
 * deliberately independent of the lab: if the lab's kernel changes, this copy must be updated by
 * hand, and the checksum that fidelity.py compares will say so.
 *
 * Order of runs, as the lab does it with baseline=true: warm-ups (baseline, then model), then
 * repetitions interleaved (baseline, model, baseline, model...). The speedup is the ratio of the
 * medians, like the lab's summary.speedup.
 *
 * Usage: java RawPrimes [--size 200000] [--tasks 8] [--threads 2] [--warmups 1] [--repetitions 3]
 * Prints one JSON object on stdout.
 */
public final class RawPrimes {

    /** Stands in for the lab's checkpoint (a cancel check): a volatile read every 256 numbers. */
    private static volatile boolean stop;

    // ---- copied by hand from PrimesWorkload (see the class comment) ----
    static long runTask(int taskIndex, long size) throws InterruptedException {
        long from = taskIndex * size;
        long to = from + size;
        long count = 0;
        for (long n = from; n < to; n++) {
            if (isPrime(n)) {
                count++;
            }
            if ((n & 0xFF) == 0) {
                if (stop || Thread.currentThread().isInterrupted()) {
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
    // ---- end of the copy ----

    /**
     * One run: every task submitted to the pool, timed from the first submit to the last result.
     * Returns {wall ms, checksum, ms from the first thread's first task start to the second thread's}.
     */
    static double[] run(ExecutorService pool, int tasks, long size) throws Exception {
        List<Future<Long>> futures = new ArrayList<>(tasks);
        java.util.Map<Thread, Long> firstStart = new java.util.concurrent.ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < tasks; i++) {
            final int index = i;
            futures.add(pool.submit(() -> {
                firstStart.putIfAbsent(Thread.currentThread(), System.nanoTime());
                return runTask(index, size);
            }));
        }
        long checksum = 0;
        for (Future<Long> f : futures) {
            checksum += f.get();
        }
        long t1 = System.nanoTime();
        long[] starts = firstStart.values().stream().mapToLong(Long::longValue).sorted().toArray();
        double secondLane = starts.length >= 2 ? (starts[1] - starts[0]) / 1e6 : Double.NaN;
        return new double[] {(t1 - t0) / 1e6, checksum, secondLane};
    }

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    static String list(List<Double> xs) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < xs.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", xs.get(i)));
        }
        return sb.append(']').toString();
    }

    public static void main(String[] args) throws Exception {
        long size = 200_000;
        int tasks = 8;
        int threads = 2;
        int warmups = 1;
        int repetitions = 3;
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--size" -> size = Long.parseLong(value);
                case "--tasks" -> tasks = Integer.parseInt(value);
                case "--threads" -> threads = Integer.parseInt(value);
                case "--warmups" -> warmups = Integer.parseInt(value);
                case "--repetitions" -> repetitions = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see the class comment");
            }
        }
        ExecutorService one = Executors.newFixedThreadPool(1);
        ExecutorService many = Executors.newFixedThreadPool(threads);
        List<Double> seq = new ArrayList<>();
        List<Double> par = new ArrayList<>();
        List<Double> seqWarm = new ArrayList<>();
        List<Double> parWarm = new ArrayList<>();
        List<Double> lanes = new ArrayList<>();
        long checksum = -1;
        try {
            for (int r = 0; r < warmups + repetitions; r++) {
                boolean warm = r < warmups;
                double[] s = run(one, tasks, size);
                double[] p = run(many, tasks, size);
                if (s[1] != p[1] || (checksum >= 0 && checksum != (long) s[1])) {
                    throw new IllegalStateException("checksum mismatch: " + s[1] + " vs " + p[1]);
                }
                checksum = (long) s[1];
                (warm ? seqWarm : seq).add(s[0]);
                (warm ? parWarm : par).add(p[0]);
                if (!warm && !Double.isNaN(p[2])) {
                    lanes.add(p[2]);
                }
            }
        } finally {
            one.shutdownNow();
            many.shutdownNow();
        }
        double seqMedian = median(seq);
        double parMedian = median(par);
        System.out.println(String.format(Locale.ROOT,
                "{\"harness\": \"RawPrimes\", \"size\": %d, \"tasks\": %d, \"threads\": %d, \"warmups\": %d, "
                        + "\"repetitions\": %d, \"checksum\": %d, \"javaVersion\": \"%s\", "
                        + "\"availableProcessors\": %d, \"sequentialWallMillis\": %s, \"parallelWallMillis\": %s, "
                        + "\"sequentialWarmupWallMillis\": %s, \"parallelWarmupWallMillis\": %s, "
                        + "\"sequentialMedianMillis\": %.3f, \"parallelMedianMillis\": %.3f, \"speedup\": %.4f, "
                        + "\"secondLaneStartMillis\": %s}",
                size, tasks, threads, warmups, repetitions, checksum, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), list(seq), list(par), list(seqWarm), list(parWarm),
                seqMedian, parMedian, seqMedian / parMedian,
                lanes.isEmpty() ? "null" : String.format(Locale.ROOT, "%.3f", median(lanes))));
    }
}
