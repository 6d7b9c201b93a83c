package org.concurrencylab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.concurrencylab.core.Aggregation;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.Metric;
import org.concurrencylab.core.Observations;
import org.concurrencylab.core.Param;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.TaskContext;
import org.concurrencylab.core.TaskRecord;
import org.concurrencylab.core.Workload;
import org.concurrencylab.core.WorkloadDefinition;
import org.junit.jupiter.api.Test;

class WorkloadDefinitionsTest {

    @Test
    void primesCountsTheKnownNumberOfPrimesInEachRange() throws Exception {
        Workload primes = Kinds.CPU_PRIMES.create(new ParamValues(Map.of("size", 100L)));
        // 25 primes below 100, 21 between 100 and 200, 16 between 200 and 300.
        assertThat(primes.runTask(0, TaskContext.DIRECT)).isEqualTo(25);
        assertThat(primes.runTask(1, TaskContext.DIRECT)).isEqualTo(21);
        assertThat(primes.runTask(2, TaskContext.DIRECT)).isEqualTo(16);
    }

    @Test
    void primesCallsCheckpointInsideItsLoop() throws Exception {
        int[] checkpoints = {0};
        TaskContext counting = new TaskContext() {
            @Override
            public void checkpoint() {
                checkpoints[0]++;
            }
        };
        Kinds.CPU_PRIMES.create(new ParamValues(Map.of("size", 10_000L))).runTask(0, counting);
        assertThat(checkpoints[0]).isGreaterThanOrEqualTo(10_000 / 256);
    }

    @Test
    void sleepRunsInsideABlockingSectionAndGivesEachTaskADistinctChecksum() throws Exception {
        int[] blockingSections = {0};
        TaskContext counting = new TaskContext() {
            @Override
            public void blocking(BlockingSection section) throws InterruptedException {
                blockingSections[0]++;
                section.run();
            }
        };
        Workload sleep = Kinds.IO_SLEEP.create(new ParamValues(Map.of("millis", 1L, "holdMonitor", 0L)));
        assertThat(sleep.runTask(0, counting)).isEqualTo(1);
        assertThat(sleep.runTask(4, counting)).isEqualTo(5);
        assertThat(blockingSections[0]).isEqualTo(2);
    }

    @Test
    void sleepEndsAtOnceWhenInterrupted() throws Exception {
        Workload sleep = Kinds.IO_SLEEP.create(new ParamValues(Map.of("millis", 60_000L, "holdMonitor", 0L)));
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread sleeper = Thread.ofPlatform().start(() -> {
            try {
                sleep.runTask(0, TaskContext.DIRECT);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        sleeper.interrupt();
        assertThat(sleeper.join(Duration.ofSeconds(10))).isTrue();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void everyDefinitionHasAUniqueIdFoundByItAndDefaultsWithinBounds() {
        assertThat(Workloads.ids()).doesNotHaveDuplicates().hasSize(Workloads.ALL.size());
        for (WorkloadDefinition definition : Workloads.ALL) {
            assertThat(Workloads.byId(definition.id())).contains(definition);
            ParamValues defaults = definition.defaults();
            assertThat(defaults.raw().keySet()).as(definition.id())
                    .containsExactlyElementsOf(definition.params().stream().map(Param::name).toList());
            definition.params().forEach(p -> assertThat(defaults.raw().get(p.name())).as(definition.id() + " " + p.name())
                    .isBetween(p.minRaw(), p.maxRaw()));
        }
        assertThat(Workloads.byId("cpu.nope")).isEmpty();
    }

    @Test
    void everyDefinitionFitsSomeModelAndSaysWhyItRefusesTheOthers() {
        for (WorkloadDefinition definition : Workloads.ALL) {
            assertThat(definition.models()).as(definition.id()).isNotEmpty();
            EnumSet<ExecutionModel> all = EnumSet.noneOf(ExecutionModel.class);
            all.addAll(definition.models());
            all.addAll(definition.refusals().keySet());
            assertThat(all).as(definition.id()).containsExactlyInAnyOrder(ExecutionModel.values());
            for (ExecutionModel model : ExecutionModel.values()) {
                assertThat(definition.fits(model)).as(definition.id() + " on " + model)
                        .isEqualTo(definition.models().contains(model))
                        .isNotEqualTo(definition.refusals().containsKey(model));
            }
            definition.refusals().forEach((model, reason) ->
                    assertThat(reason).as(definition.id() + " on " + model).isNotBlank());
        }
        // Independent CPU and IO work runs on every model; on an event loop, IO only with a cooperative form.
        for (WorkloadDefinition definition : List.of(Kinds.CPU_PRIMES, Kinds.CPU_HASH, Kinds.CPU_MATMUL,
                Kinds.CPU_MONTECARLO, Kinds.IO_SLEEP, Kinds.IO_HTTP, Kinds.MIXED)) {
            assertThat(definition.models()).as(definition.id()).containsExactlyInAnyOrder(ExecutionModel.values());
        }
        assertThat(Kinds.IO_FILE.refusals()).containsOnlyKeys(ExecutionModel.EVENT_LOOP);
        assertThat(Kinds.IO_FILE.refusals().get(ExecutionModel.EVENT_LOOP)).contains("no cooperative form");
    }

    @Test
    void aParamDefaultOutsideItsBoundsIsRejectedAtDeclaration() {
        assertThatThrownBy(() -> Param.integer("n", "", "", 5, 10, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Param.choice("mode", "", "c", "a", "b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void taskRecordTimesTheTaskAndKeepsItsChecksum() throws Exception {
        Workload primes = Kinds.CPU_PRIMES.create(new ParamValues(Map.of("size", 50_000L)));
        TaskRecord record = TaskRecord.run(primes, 0, TaskContext.DIRECT);
        assertThat(record.index()).isZero();
        assertThat(record.checksum()).isEqualTo(5133); // primes below 50,000
        assertThat(record.durationNanos()).isPositive();
    }

    @Test
    void observationsOfSeveralWorkersCombineAsOneWorkloadsWould() {
        // Counters add up.
        assertThat(combined(Kinds.IO_FILE, List.of(
                Observations.builder().put(FileWorkload.BYTES_WRITTEN, 10).put(FileWorkload.FILES_SYNCED, 1).build(),
                Observations.builder().put(FileWorkload.BYTES_WRITTEN, 5).put(FileWorkload.FILES_SYNCED, 2).build())))
                .isEqualTo(Map.of("bytesWritten", 15L, "filesSynced", 3L));
        // A peak is the highest of the workers' peaks, not their sum.
        assertThat(combined(Kinds.IO_HTTP, List.of(
                Observations.builder().put(HttpWorkload.REQUESTS_SENT, 4).put(HttpWorkload.PEAK_CONCURRENT_REQUESTS, 3)
                        .build(),
                Observations.builder().put(HttpWorkload.REQUESTS_SENT, 6).put(HttpWorkload.PEAK_CONCURRENT_REQUESTS, 2)
                        .build())))
                .isEqualTo(Map.of("requestsSent", 10L, "peakConcurrentRequests", 3L));
        // The estimate of the whole run is made again from the combined hits and samples, not averaged;
        // a worker that finished no task adds nothing.
        assertThat(combined(Kinds.CPU_MONTECARLO, List.of(
                Observations.builder().put(MonteCarloWorkload.HITS, 3).put(MonteCarloWorkload.SAMPLES_THROWN, 4)
                        .put(MonteCarloWorkload.PI_ESTIMATE, 3.0).build(),
                Observations.builder().put(MonteCarloWorkload.HITS, 4).put(MonteCarloWorkload.SAMPLES_THROWN, 4)
                        .put(MonteCarloWorkload.PI_ESTIMATE, 4.0).build(),
                Observations.NONE)))
                .isEqualTo(Map.of("hits", 7L, "samples", 8L, "piEstimate", 3.5));
        assertThat(combined(Kinds.CPU_MONTECARLO, List.of(Observations.NONE, Observations.NONE))).isEmpty();
    }

    @Test
    void eachAggregationCombinesPartsAsItsNameSays() {
        Metric.Text mode = Metric.text("mode", Aggregation.SAME, "");
        Metric.Flag ok = Metric.flag("ok", "");
        Metric.Real ratio = Metric.real("ratio", "", Aggregation.SUM, "");
        Metric.Count least = Metric.count("least", "", Aggregation.MIN, "");
        Metric.Real mean = Metric.real("mean", "", Aggregation.MEAN, "");
        assertThat(Observations.combine(List.of(
                Observations.builder().put(mode, "a").put(ok, true).put(ratio, 0.25).put(least, 3).put(mean, 1.0).build(),
                Observations.builder().put(mode, "a").put(ok, false).put(ratio, 0.5).put(least, 2).put(mean, 2.0).build(),
                Observations.builder().put(least, 4).put(mean, 6.0).build())).plain())
                .isEqualTo(Map.of("mode", "a", "ok", false, "ratio", 0.75, "least", 2L, "mean", 3.0));
        // Parts that disagree on a setting are all listed, each once.
        assertThat(Observations.combine(List.of(
                Observations.builder().put(mode, "a").build(), Observations.builder().put(mode, "b").build(),
                Observations.builder().put(mode, "a").build())).plain())
                .isEqualTo(Map.of("mode", "a, b"));
    }

    /** What the worker pool reports for a workload whose workers observed these parts. */
    private static Map<String, Object> combined(WorkloadDefinition definition, List<Observations> parts) {
        return definition.derive().apply(Observations.combine(parts)).plain();
    }

    @Test
    void ipcPipeMovesAtMost256MiBInARun() {
        ParamValues fits = new ParamValues(Map.of("messages", 256L, "payloadBytes", 1L << 20));
        assertThat(Kinds.IPC_PIPE.rule().check(fits, 1)).isEmpty();
        assertThat(Kinds.IPC_PIPE.rule().check(fits, 2)).hasValueSatisfying(problem -> {
            assertThat(problem.param()).isEqualTo("messages");
            assertThat(problem.message()).contains("256 MiB").contains("at most 128 messages");
        });
        assertThat(Kinds.IPC_PIPE.rule().check(Kinds.IPC_PIPE.defaults(), 64)).isEmpty();
        assertThat(Kinds.CPU_PRIMES.rule().check(Kinds.CPU_PRIMES.defaults(), 1_000_000))
                .isEmpty();
        assertThat(Kinds.IPC_PIPE.models()).containsExactly(ExecutionModel.PROCESSES);
        for (ExecutionModel inProcess : List.of(ExecutionModel.SEQUENTIAL, ExecutionModel.THREADS,
                ExecutionModel.VIRTUAL_THREADS, ExecutionModel.FUTURES, ExecutionModel.FORK_JOIN, ExecutionModel.GIL)) {
            assertThat(Kinds.IPC_PIPE.fits(inProcess)).as(inProcess.name()).isFalse();
            assertThat(Kinds.IPC_PIPE.refusals().get(inProcess)).as(inProcess.name())
                    .contains("share memory").contains("sync.queue");
        }
    }
}
