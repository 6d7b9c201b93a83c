package org.concurrencylab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.Value;
import org.concurrencylab.core.Words;
import org.concurrencylab.core.WorkloadDefinition;
import org.concurrencylab.execution.RealRuns;
import org.concurrencylab.workload.Kinds;
import org.concurrencylab.workload.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The interpretation is built from the measured numbers by rules: each test checks the numbers and the idea. */
class InterpreterTest {

    private static Distribution wall(double median, int n) {
        return new Distribution(n, median, median, 0, median, median, null, null, 0.01, List.of());
    }

    private static Subject subject(ExecutionModel model, String kind, int parallelism) {
        WorkloadDefinition definition = Workloads.byId(kind).orElseThrow();
        return new Subject(model, definition, definition.defaults(), parallelism, true);
    }

    /** The interpretation of a workload that reports no observations of its own. */
    private static String interpret(ExecutionModel model, String kind, int parallelism, int cores, Summary summary,
            boolean complete) {
        return Interpreter.interpret(subject(model, kind, parallelism), cores, summary, ObservationSummary.NONE,
                complete);
    }

    private static Warning warning(Warning.Code code) {
        return new Warning(code, "a message for people");
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
                true);

        assertThat(text).contains("CPU-bound work", "GIL", "2 threads ran at 0.97x the single thread",
                "95% interval 0.91-1.02", "no real speedup", "only one thread can execute at a time");
    }

    @Test
    void threadsIoBoundWellAboveTheCoresOverlappedWaiting() {
        String text = interpret(ExecutionModel.THREADS, "io.sleep", 8, 2, summary(7.61, 7.2, 7.9, 8, List.of()),
                true);

        assertThat(text).contains("IO-bound work", "8 threads ran at 7.61x", "95% interval 7.20-7.90", "2 cores",
                "overlapped waiting").doesNotContain("no real speedup");
    }

    @Test
    void nearIdealCpuScalingAndProcessStartupCost() {
        assertThat(interpret(ExecutionModel.THREADS, "cpu.primes", 2, 2, summary(1.93, 1.88, 1.97, 2, List.of()),
                true)).contains("1.93x", "scaled almost ideally", "efficiency 0.97");
        assertThat(interpret(ExecutionModel.PROCESSES, "cpu.primes", 2, 2, summary(0.64, null, null, 2, List.of()),
                true)).contains("2 worker processes ran at 0.64x", "no real speedup", "starting worker");
        assertThat(interpret(ExecutionModel.THREADS, "cpu.primes", 4, 2, summary(1.71, null, null, 4, List.of()),
                true)).contains("1.71x", "partial speedup", "efficiency 0.43", "only the 2 cores");
    }

    // The labs below read observations made by running the real workload in this JVM (or, for the pipe, on
    // real worker JVMs) and combined as a stored result combines them: every number a sentence is checked
    // for comes from what the run observed, never from a hand-written map.

    /** One measured run of the real workload, combined into a result as an experiment's would be. */
    private static ExperimentResult measured(ExecutionModel model, WorkloadDefinition kind, Map<String, Object> params,
            int tasks, int parallelism) throws Exception {
        ParamValues values = RealRuns.params(kind, params);
        List<RunResult> runs = RealRuns.inProcess(model, kind, values, tasks, parallelism, 1);
        return ExperimentResult.of(true, runs, null, new Subject(model, kind, values, parallelism, true), List.of());
    }

    /** An observation every measured run agreed on, as a number. */
    private static double number(ExperimentResult result, String name) {
        return same(result, name).number();
    }

    private static String text(ExperimentResult result, String name) {
        return String.valueOf(same(result, name).plain());
    }

    private static Value same(ExperimentResult result, String name) {
        ObservationSummary.Entry entry = result.observations().get(name).orElseThrow(
                () -> new AssertionError(name + " not observed in " + result.observations()));
        assertThat(entry).as(name).isInstanceOf(ObservationSummary.Entry.Same.class);
        return ((ObservationSummary.Entry.Same) entry).value();
    }

    /** What no lab may claim: it measured no speedup. */
    private static final String[] SPEEDUP_WORDS = {"x the single thread", "speedup", "scaled"};

    @Test
    void lostUpdatesAreCountedWithTheirShare() {
        // A race is a race: most runs on two busy cores lose updates, but one may not, so run until one does.
        await("a run that loses updates").atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1)).until(() -> {
                    ExperimentResult result = measured(ExecutionModel.THREADS, Kinds.SYNC_COUNTER,
                            Map.of("increments", 5_000_000, "strategy", "none"), 2, 2);
                    long lost = (long) number(result, "lostUpdates");
                    if (lost == 0) {
                        assertThat(result.interpretation()).contains("No update was lost: all 10000000 increments",
                                "nothing but luck");
                        return false;
                    }
                    assertThat(number(result, "expected")).isEqualTo(10_000_000);
                    assertThat(result.interpretation())
                            .contains(String.format(Locale.ROOT, "Unsynchronized read-modify-write lost %d of 10000000 "
                                    + "updates (%.2f%%)", lost, lost * 100.0 / 10_000_000), "race condition")
                            .doesNotContain("baseline").doesNotContain(SPEEDUP_WORDS);
                    return true;
                });
    }

    @Test
    void aLockedCounterLosesNothingAndSaysWhy() throws Exception {
        ExperimentResult result = measured(ExecutionModel.THREADS, Kinds.SYNC_COUNTER,
                Map.of("increments", 200_000, "strategy", "lock"), 2, 2);

        assertThat(result.interpretation()).contains("No update was lost: all 400000 increments arrived because the "
                + "lock strategy made the read-modify-write atomic").doesNotContain(SPEEDUP_WORDS);
    }

    @Test
    void theQueueSaysNothingWasLostAndHowFullItGot() throws Exception {
        ExperimentResult result = measured(ExecutionModel.THREADS, Kinds.SYNC_QUEUE,
                Map.of("producers", 2, "consumers", 3, "capacity", 4, "items", 20_000), 5, 5);
        String depth = Words.number(number(result, "peakDepth"));

        assertThat(result.interpretation())
                .contains("No item lost or duplicated: all 20000 produced items were consumed exactly once")
                .contains(number(result, "producerBlockedMillis") > 0
                        ? "The queue filled up to " + depth + " of its 4 slots and producers spent "
                                + String.format(Locale.ROOT, "%.3f ms blocked", number(result, "producerBlockedMillis"))
                        : "The queue held at most " + depth + " of its 4 slots")
                .doesNotContain(SPEEDUP_WORDS);
    }

    @Test
    void deadlockIsExplainedWithTheThreadsThatWereStuck() {
        ExperimentResult result = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> measured(
                ExecutionModel.THREADS, Kinds.SYNC_DEADLOCK, Map.of("order", "opposite", "holdMillis", 1), 2, 2));
        String names = text(result, "deadlockedThreads");
        int threads = names.split(", ").length;

        // Counted from the names the workload really reports, not a fallback.
        assertThat(threads).isEqualTo(2);
        assertThat(result.interpretation()).contains("Deadlock: " + threads + " threads (" + names + ")",
                "opposite orders", String.format(Locale.ROOT, "after %.2f ms", number(result, "detectedAfterMillis")),
                "cycle", "give up").doesNotContain(SPEEDUP_WORDS);
    }

    @Test
    void consistentLockOrderIsExplainedAsNoDeadlock() {
        ExperimentResult result = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> measured(
                ExecutionModel.THREADS, Kinds.SYNC_DEADLOCK, Map.of("order", "consistent", "holdMillis", 1), 2, 2));

        assertThat(result.interpretation()).contains("No deadlock: with the locks taken in consistent order every "
                + "worker completed (2 of them)").doesNotContain("Deadlock:");
    }

    @Test
    void theSemaphoreComparesItsPeakWithItsPermits() throws Exception {
        ExperimentResult result = measured(ExecutionModel.THREADS, Kinds.SYNC_SEMAPHORE,
                Map.of("permits", 2, "uses", 10, "holdMillis", 2), 6, 6);
        double waited = number(result, "waitMillisTotal");

        assertThat(result.interpretation())
                .contains("At most " + Words.number(number(result, "peakHolders"))
                        + " workers held the resource at once, never more than its 2 permits")
                .contains(waited > 0
                        ? String.format(Locale.ROOT, "the others waited their turn, %.3f ms in all", waited)
                        : "no worker had to wait for a permit")
                .doesNotContain(SPEEDUP_WORDS);
    }

    @Test
    void theEventReportsItsWakeUpLatency() throws Exception {
        ExperimentResult result = measured(ExecutionModel.THREADS, Kinds.SYNC_EVENT,
                Map.of("waiters", 4, "delayMillis", 5), 5, 5);

        assertThat(result.interpretation()).contains("One set of the event woke 4 of 4 waiters",
                "the median waiter ran again " + Words.number(number(result, "wakeupMicrosP50")) + " microseconds",
                "the last " + Words.number(number(result, "wakeupMicrosMax")) + " microseconds")
                .doesNotContain(SPEEDUP_WORDS);
    }

    @ParameterizedTest
    @CsvSource({"fixedDelay, With a fixed delay, lateness added up", "fixedRate, At a fixed rate, did not add up"})
    void theTimerReportsDriftAndJitterByMode(String mode, String opening, String drift) throws Exception {
        ExperimentResult result = measured(ExecutionModel.THREADS, Kinds.SCHED_TIMER,
                Map.of("mode", mode, "ticks", 20, "periodMillis", 5), 1, 1);

        assertThat(result.interpretation()).startsWith(opening)
                .contains(Words.number(number(result, "ticks")) + " ticks every 5 ms",
                        "a median " + Words.number(number(result, "jitterMicrosP50")) + " microseconds off",
                        drift, Words.number(number(result, "driftMicros")) + " microseconds")
                .doesNotContain(SPEEDUP_WORDS);
    }

    @Test
    void thePipeReportsRoundTripAndBytesPerSecond(@TempDir Path workerDir) throws Exception {
        ParamValues params = RealRuns.params(Kinds.IPC_PIPE, Map.of("messages", 2_000, "payloadBytes", 64));
        List<RunResult> runs = RealRuns.onWorkerProcesses(workerDir, Kinds.IPC_PIPE, params, 2, 2, 1);
        ExperimentResult result = ExperimentResult.of(true, runs, null,
                new Subject(ExecutionModel.PROCESSES, Kinds.IPC_PIPE, params, 2, true), List.of());

        assertThat(result.interpretation()).contains(String.format(Locale.ROOT,
                        "A message of 64 bytes took a median %.2f microseconds to cross the pipe to a worker process "
                                + "and back (p99 %.2f)", number(result, "roundTripMicrosP50"),
                        number(result, "roundTripMicrosP99")),
                String.format(Locale.ROOT, "%.0f messages and %.2f MB of payload per second",
                        number(result, "messagesPerSecond"), number(result, "bytesPerSecond") / 1e6))
                .doesNotContain(SPEEDUP_WORDS);
    }

    @Test
    void withoutABaselineItSaysWhatWasMeasuredAndSuggestsOne() {
        String text = interpret(ExecutionModel.THREADS, "cpu.primes", 2, 2, summary(null, null, null, 2, List.of()),
                true);

        assertThat(text).contains("median 100.00 ms", "3 measured runs", "80.00 tasks/s", "`baseline: true`");
    }

    @Test
    void warningsAndEarlyStopsAreMentioned() {
        String text = interpret(ExecutionModel.THREADS, "cpu.primes", 2, 2,
                summary(1.05, 0.8, 1.3, 2, List.of(warning(Warning.Code.HIGH_VARIATION),
                        warning(Warning.Code.MACHINE_LOADED))), false);

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
