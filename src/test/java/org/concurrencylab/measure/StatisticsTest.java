package org.concurrencylab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;
import org.concurrencylab.core.TaskRecord;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void distributionMatchesTextbookValues() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample standard deviation sqrt(32/7) = 2.138.
        Distribution d = Distribution.of(List.of(2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0));
        assertThat(d.n()).isEqualTo(8);
        assertThat(d.mean()).isEqualTo(5.0);
        assertThat(d.median()).isEqualTo(4.5);
        assertThat(d.stdDev()).isCloseTo(2.138, within(0.001));
        assertThat(d.min()).isEqualTo(2.0);
        assertThat(d.max()).isEqualTo(9.0);
    }

    @Test
    void aSingleRunHasNoSpread() {
        assertThat(Distribution.of(List.of(3.0)).stdDev()).isZero();
        assertThat(Distribution.of(List.of()).n()).isZero();
    }

    @Test
    void percentilesOfOneToAHundredMilliseconds() {
        long[] nanos = IntStream.rangeClosed(1, 100).mapToLong(ms -> ms * 1_000_000L).toArray();
        Percentiles p = Percentiles.ofNanos(nanos);
        // HdrHistogram keeps three significant digits.
        assertThat(p.p50()).isCloseTo(50, within(0.1));
        assertThat(p.p90()).isCloseTo(90, within(0.1));
        assertThat(p.p99()).isCloseTo(99, within(0.1));
        assertThat(p.max()).isCloseTo(100, within(0.1));
    }

    @Test
    void runResultSumsChecksumsAndDerivesThroughputAndQueueWaits() {
        List<TaskRecord> tasks = List.of(
                new TaskRecord(0, 0, 10_000_000, 3),
                new TaskRecord(1, 10_000_000, 30_000_000, 4, 0));
        RunResult run = RunResult.of(0, false, false, "THREADS", 500_000_000, -1, 10_000_000, tasks, List.of(),
                org.concurrencylab.core.Observations.NONE, List.of());
        assertThat(run.checksum()).isEqualTo(7);
        assertThat(run.cpuMillis()).isEqualTo(10.0);
        assertThat(run.wallMillis()).isEqualTo(500.0);
        assertThat(run.throughputPerSecond()).isEqualTo(4.0);
        assertThat(run.startupMillis()).isNull();
        assertThat(run.workerPids()).isNull();
        assertThat(run.taskMillis().max()).isCloseTo(20, within(0.05));
        // The second task waited 10 ms for the first; the first did not wait.
        assertThat(run.queueWaitMillis().max()).isCloseTo(10, within(0.05));
        assertThat(run.queueWaitMillis().p50()).isZero();
    }

    @Test
    void summaryComparesMedianWallTimesWithTheBaselineAndIgnoresWarmups() {
        List<RunResult> runs = List.of(
                run(0, true, true, 999), run(1, true, false, 999),
                run(2, false, true, 100), run(3, false, false, 50),
                run(4, false, true, 110), run(5, false, false, 60),
                run(6, false, true, 90), run(7, false, false, 55));
        Summary s = Summary.of(runs, 2);
        assertThat(s.wallMillis().median()).isEqualTo(55);
        assertThat(s.baselineWallMillis().median()).isEqualTo(100);
        assertThat(s.speedup()).isCloseTo(1.818, within(0.001));
        assertThat(s.efficiency()).isCloseTo(0.909, within(0.001));
        assertThat(s.throughputPerSecond()).isCloseTo(4 * 1000 / 55.0, within(0.01));
        // The model's warm-up (index 1) is the cold run; the baseline's warm-up is not.
        assertThat(s.coldRunWallMillis()).isEqualTo(999);
        assertThat(s.speedupCi95Low()).isLessThanOrEqualTo(s.speedup());
        assertThat(s.speedupCi95High()).isGreaterThanOrEqualTo(s.speedup());
        assertThat(s.serialFraction()).isCloseTo((1 / 1.818 - 0.5) / 0.5, within(0.001));
    }

    @Test
    void noBaselineMeansNoSpeedup() {
        Summary s = Summary.of(List.of(run(0, false, false, 10)), 4);
        assertThat(s.speedup()).isNull();
        assertThat(s.efficiency()).isNull();
        assertThat(s.baselineWallMillis()).isNull();
    }

    private static RunResult run(int index, boolean warmup, boolean baseline, double wallMillis) {
        return new RunResult(index, warmup, baseline, baseline ? "SEQUENTIAL" : "THREADS", wallMillis, wallMillis, 4,
                4000 / wallMillis, Percentiles.EMPTY, null, 42, null, org.concurrencylab.core.Observations.NONE);
    }
}
