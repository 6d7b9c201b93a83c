package org.concurrencylab.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The interpretation is built from the measured numbers by rules: each test checks the numbers and the idea. */
class InterpreterTest {

    private static Distribution wall(double median, int n) {
        return new Distribution(n, median, median, 0, median, median, null, null, 0.01, List.of());
    }

    private static Summary summary(Double speedup, Double low, Double high, int parallelism, List<String> warnings) {
        Double efficiency = speedup == null ? null : speedup / parallelism;
        Double serial = speedup == null ? null : Summary.karpFlatt(speedup, parallelism);
        return new Summary(wall(100, 3), 80, 42, speedup == null ? null : wall(97, 3), speedup, efficiency, low,
                high, serial, null, warnings);
    }

    @Test
    void gilCpuBoundSaysOnlyOneThreadExecutesAtATime() {
        String text = Interpreter.interpret("GIL", "cpu.primes", 2, 2, summary(0.97, 0.91, 1.02, 2, List.of()),
                Map.of(), true);

        assertThat(text).contains("CPU-bound work", "GIL", "2 threads ran at 0.97x the single thread",
                "95% interval 0.91-1.02", "no real speedup", "only one thread can execute at a time");
    }

    @Test
    void threadsIoBoundWellAboveTheCoresOverlappedWaiting() {
        String text = Interpreter.interpret("THREADS", "io.sleep", 8, 2, summary(7.61, 7.2, 7.9, 8, List.of()),
                Map.of(), true);

        assertThat(text).contains("IO-bound work", "8 threads ran at 7.61x", "95% interval 7.20-7.90", "2 cores",
                "overlapped waiting").doesNotContain("no real speedup");
    }

    @Test
    void nearIdealCpuScalingAndProcessStartupCost() {
        assertThat(Interpreter.interpret("THREADS", "cpu.primes", 2, 2, summary(1.93, 1.88, 1.97, 2, List.of()),
                Map.of(), true)).contains("1.93x", "scaled almost ideally", "efficiency 0.97");
        assertThat(Interpreter.interpret("PROCESSES", "cpu.primes", 2, 2, summary(0.64, null, null, 2, List.of()),
                Map.of(), true)).contains("2 worker processes ran at 0.64x", "no real speedup", "starting worker");
        assertThat(Interpreter.interpret("THREADS", "cpu.primes", 4, 2, summary(1.71, null, null, 4, List.of()),
                Map.of(), true)).contains("1.71x", "partial speedup", "efficiency 0.43", "only the 2 cores");
    }

    @Test
    void lostUpdatesAreCountedWithTheirShare() {
        Map<String, Object> obs = Map.of("strategy", "none", "expected", 1_000_000L, "observed", 812_345L,
                "lostUpdates", 187_655L);
        String text = Interpreter.interpret("THREADS", "sync.counter", 2, 2, summary(null, null, null, 2, List.of()),
                obs, true);

        assertThat(text).contains("Unsynchronized read-modify-write lost 187655 of 1000000 updates (18.77%)",
                "race condition").doesNotContain("baseline");
    }

    @Test
    void noItemLostOrDuplicatedInTheQueue() {
        Map<String, Object> obs = Map.of("produced", 400L, "consumed", 400L, "lost", 0L, "duplicated", 0L);
        assertThat(Interpreter.interpret("THREADS", "sync.queue", 4, 2, summary(null, null, null, 4, List.of()),
                obs, true)).contains("No item lost or duplicated", "400");
    }

    @Test
    void deadlockIsExplained() {
        Map<String, Object> obs = Map.of("order", "opposite", "outcome", "DEADLOCKED",
                "deadlockedThreads", List.of("lab-1", "lab-2"), "detectedAfterMillis", 12.345);
        String text = Interpreter.interpret("THREADS", "sync.deadlock", 2, 2, summary(null, null, null, 2, List.of()),
                obs, true);

        assertThat(text).contains("Deadlock", "2 threads", "opposite orders", "after 12.35 ms", "cycle");
    }

    @Test
    void withoutABaselineItSaysWhatWasMeasuredAndSuggestsOne() {
        String text = Interpreter.interpret("THREADS", "cpu.primes", 2, 2, summary(null, null, null, 2, List.of()),
                Map.of(), true);

        assertThat(text).contains("median 100.00 ms", "3 measured runs", "80.00 tasks/s", "`baseline: true`");
    }

    @Test
    void warningsAndEarlyStopsAreMentioned() {
        String text = Interpreter.interpret("THREADS", "cpu.primes", 2, 2,
                summary(1.05, 0.8, 1.3, 2, List.of("spread too wide", "load too high")), Map.of(), false);

        assertThat(text).startsWith("Stopped early").contains("uncertain", "2 warnings");
    }

    @Test
    void resultsCarryTheInterpretationAndTheOldFactoryStillWorks() {
        ExperimentResult result = ExperimentResult.of(true, List.of(), 2, null, "GIL", "cpu.primes");
        assertThat(result.interpretation()).contains("uncertain").doesNotContain("x the single thread");
        assertThat(ExperimentResult.of(true, List.of(), 2, null).runs()).isEmpty();
    }
}
