package org.concurrencylab.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.workload.Workloads;
import org.junit.jupiter.api.Test;

/** The interpretation is built from the measured numbers by rules: each test checks the numbers and the idea. */
class InterpreterTest {

    private static Distribution wall(double median, int n) {
        return new Distribution(n, median, median, 0, median, median, null, null, 0.01, List.of());
    }

    private static Subject subject(ExecutionModel model, String kind, int parallelism) {
        WorkloadDefinition definition = Workloads.byId(kind).orElseThrow();
        return new Subject(model, definition, definition.defaults(), parallelism, true);
    }

    /** Observations as a stored result holds them, shaped as the workloads make them. */
    private static String interpret(ExecutionModel model, String kind, int parallelism, int cores, Summary summary,
            Map<String, Object> observations, boolean complete) {
        return Interpreter.interpret(subject(model, kind, parallelism), cores, summary,
                ObservationSummary.fromPlain(observations), complete);
    }

    private static Warning warning(String text) {
        return new Warning(Warning.Code.HIGH_VARIATION, text);
    }

    private static Summary summary(Double speedup, Double low, Double high, int parallelism, List<Warning> warnings) {
        Double efficiency = speedup == null ? null : speedup / parallelism;
        Double serial = speedup == null ? null : Summary.karpFlatt(speedup, parallelism);
        return new Summary(wall(100, 3), 80, 42, speedup == null ? null : wall(97, 3), speedup, efficiency, low,
                high, serial, null, warnings);
    }

    @Test
    void gilCpuBoundSaysOnlyOneThreadExecutesAtATime() {
        String text = interpret(ExecutionModel.GIL, "cpu.primes", 2, 2, summary(0.97, 0.91, 1.02, 2, List.of()),
                Map.of(), true);

        assertThat(text).contains("CPU-bound work", "GIL", "2 threads ran at 0.97x the single thread",
                "95% interval 0.91-1.02", "no real speedup", "only one thread can execute at a time");
    }

    @Test
    void threadsIoBoundWellAboveTheCoresOverlappedWaiting() {
        String text = interpret(ExecutionModel.THREADS, "io.sleep", 8, 2, summary(7.61, 7.2, 7.9, 8, List.of()),
                Map.of(), true);

        assertThat(text).contains("IO-bound work", "8 threads ran at 7.61x", "95% interval 7.20-7.90", "2 cores",
                "overlapped waiting").doesNotContain("no real speedup");
    }

    @Test
    void nearIdealCpuScalingAndProcessStartupCost() {
        assertThat(interpret(ExecutionModel.THREADS, "cpu.primes", 2, 2, summary(1.93, 1.88, 1.97, 2, List.of()),
                Map.of(), true)).contains("1.93x", "scaled almost ideally", "efficiency 0.97");
        assertThat(interpret(ExecutionModel.PROCESSES, "cpu.primes", 2, 2, summary(0.64, null, null, 2, List.of()),
                Map.of(), true)).contains("2 worker processes ran at 0.64x", "no real speedup", "starting worker");
        assertThat(interpret(ExecutionModel.THREADS, "cpu.primes", 4, 2, summary(1.71, null, null, 4, List.of()),
                Map.of(), true)).contains("1.71x", "partial speedup", "efficiency 0.43", "only the 2 cores");
    }

    @Test
    void lostUpdatesAreCountedWithTheirShare() {
        Map<String, Object> obs = Map.of("strategy", "none", "expected", 1_000_000L, "observed", 812_345L,
                "lostUpdates", 187_655L);
        String text = interpret(ExecutionModel.THREADS, "sync.counter", 2, 2, summary(null, null, null, 2, List.of()),
                obs, true);

        assertThat(text).contains("Unsynchronized read-modify-write lost 187655 of 1000000 updates (18.77%)",
                "race condition").doesNotContain("baseline");
    }

    @Test
    void noItemLostOrDuplicatedInTheQueue() {
        Map<String, Object> obs = Map.of("produced", 400L, "consumed", 400L, "lost", 0L, "duplicated", 0L);
        assertThat(interpret(ExecutionModel.THREADS, "sync.queue", 4, 2, summary(null, null, null, 4, List.of()),
                obs, true)).contains("No item lost or duplicated", "400");
    }

    @Test
    void deadlockIsExplained() {
        Map<String, Object> obs = Map.of("order", "opposite", "outcome", "DEADLOCKED",
                "deadlockedThreads", "lab-deadlock-1, lab-deadlock-2, lab-deadlock-3", "detectedAfterMillis", 12.345);
        String text = interpret(ExecutionModel.THREADS, "sync.deadlock", 2, 2, summary(null, null, null, 2, List.of()),
                obs, true);

        // Counted from the names the workload reports (a joined text), not a fallback of 2.
        assertThat(text).contains("Deadlock", "3 threads", "opposite orders", "after 12.35 ms", "cycle");
    }

    @Test
    void withoutABaselineItSaysWhatWasMeasuredAndSuggestsOne() {
        String text = interpret(ExecutionModel.THREADS, "cpu.primes", 2, 2, summary(null, null, null, 2, List.of()),
                Map.of(), true);

        assertThat(text).contains("median 100.00 ms", "3 measured runs", "80.00 tasks/s", "`baseline: true`");
    }

    @Test
    void warningsAndEarlyStopsAreMentioned() {
        String text = interpret(ExecutionModel.THREADS, "cpu.primes", 2, 2,
                summary(1.05, 0.8, 1.3, 2, List.of(warning("spread too wide"), warning("load too high"))), Map.of(), false);

        assertThat(text).startsWith("Stopped early").contains("uncertain", "2 warnings");
    }

    @Test
    void resultsCarryTheInterpretation() {
        ExperimentResult result = ExperimentResult.of(true, List.of(), null, subject(ExecutionModel.GIL, "cpu.primes", 2),
                List.of());
        assertThat(result.interpretation()).contains("uncertain").doesNotContain("x the single thread");
        assertThat(result.runs()).isEmpty();
    }

    @Test
    void eachLabSpeaksOfItsOwnObservationsAndNotOfSpeedup() {
        Summary none = summary(null, null, null, 4, List.of());
        assertThat(interpret(ExecutionModel.THREADS, "sync.semaphore", 4, 2, none,
                Map.of("permits", 2L, "peakHolders", 2L, "acquisitions", 80L, "waitMillisTotal", 120.5,
                        "waitMillisMean", 1.506), true))
                .contains("2", "permits").doesNotContain("speedup", "x the single thread");
        assertThat(interpret(ExecutionModel.THREADS, "sync.event", 5, 2, none,
                Map.of("waiters", 4L, "wokenWaiters", 4L, "wakeupMicrosP50", 85L, "wakeupMicrosMax", 240L), true))
                .contains("85", "240").doesNotContain("x the single thread");
        assertThat(interpret(ExecutionModel.THREADS, "sched.timer", 1, 2, none,
                Map.of("mode", "fixedDelay", "ticks", 100L, "jitterMicrosP50", 70L, "jitterMicrosP99", 300L,
                        "jitterMicrosMax", 900L, "driftMicros", 7000L), true))
                .contains("7000", "ticks").doesNotContain("x the single thread");
        assertThat(interpret(ExecutionModel.PROCESSES, "ipc.pipe", 2, 2, none,
                Map.of("messagesPerSecond", 50_000L, "bytesPerSecond", 3_200_000L, "roundTripMicrosP50", 38.5,
                        "roundTripMicrosP99", 120.25, "payloadBytes", 64L, "messages", 20_000L), true))
                .contains("38.5", "50000").doesNotContain("x the single thread");
        assertThat(interpret(ExecutionModel.THREADS, "sync.queue", 4, 2, none,
                Map.of("produced", 400L, "consumed", 400L, "lost", 0L, "duplicated", 0L, "itemsPerSecond", 9000L,
                        "producerBlockedMillis", 12.5, "peakDepth", 16L, "capacity", 16L), true))
                .contains("12.5", "16");
    }

    @Test
    void uncappedVirtualThreadsAreNotCalledAParallelism() {
        Subject uncapped = new Subject(ExecutionModel.VIRTUAL_THREADS, Workloads.byId("io.sleep").orElseThrow(),
                Workloads.byId("io.sleep").orElseThrow().defaults(), 10_000, false);
        String withBaseline = Interpreter.interpret(uncapped, 2, summary(9000.0, 8800.0, 9100.0, 10_000, List.of()),
                ObservationSummary.NONE, true);
        String without = Interpreter.interpret(uncapped, 2, summary(null, null, null, 10_000, List.of()),
                ObservationSummary.NONE, true);

        assertThat(withBaseline).contains("no cap").doesNotContain("10000 virtual threads ran");
        assertThat(without).contains("no cap").doesNotContain("parallelism 10000");
    }
}
