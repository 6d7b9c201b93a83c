package org.concurrencylab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ModelOptions;
import org.concurrencylab.core.Observations;
import org.concurrencylab.measure.Environment;
import org.concurrencylab.measure.ExperimentResult;
import org.concurrencylab.measure.Percentiles;
import org.concurrencylab.measure.RunResult;
import org.concurrencylab.measure.Warning;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/** The repository on the embedded database Flyway builds, each test in a transaction rolled back after it. */
@JdbcTest
@Import(ExperimentRepository.class)
class ExperimentRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Autowired
    private ExperimentRepository repository;

    @Test
    void readsBackWhatItInserted() {
        Experiment queued = queued("e1", ExecutionModel.PROCESSES, T0);

        repository.insert(queued, null);

        assertThat(repository.findById("e1")).contains(queued);
        assertThat(repository.findById("nobody")).isEmpty();
        assertThat(repository.countQueued()).isEqualTo(1);
    }

    @Test
    void claimsTheOldestQueuedOnceAndStampsTheNode() {
        repository.insert(queued("older", ExecutionModel.THREADS, T0), null);
        repository.insert(queued("newer", ExecutionModel.THREADS, T0.plusSeconds(1)), null);
        Clock clock = Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC);

        Experiment first = repository.claimNext("node-a", clock).orElseThrow();
        Experiment second = repository.claimNext("node-b", clock).orElseThrow();

        assertThat(first.id()).isEqualTo("older");
        assertThat(first.status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(first.nodeId()).isEqualTo("node-a");
        assertThat(first.startedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(second.id()).isEqualTo("newer");
        assertThat(repository.claimNext("node-a", clock)).isEmpty();
    }

    @Test
    void takesTurnsAcrossUsersOldestFirstWithinEach() {
        // Ann queues three, then Bob one: Bob's must not wait behind all of Ann's.
        repository.insert(queued("ann-1", ExecutionModel.THREADS, T0), "ann");
        repository.insert(queued("ann-2", ExecutionModel.THREADS, T0.plusSeconds(1)), "ann");
        repository.insert(queued("ann-3", ExecutionModel.THREADS, T0.plusSeconds(2)), "ann");
        repository.insert(queued("bob-1", ExecutionModel.THREADS, T0.plusSeconds(3)), "bob");

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // Each claim a second after the last, as one node running one at a time would.
            Clock clock = Clock.fixed(T0.plusSeconds(10 + i), ZoneOffset.UTC);
            order.add(repository.claimNext("node-a", clock).orElseThrow().id());
        }

        assertThat(order).containsExactly("ann-1", "bob-1", "ann-2", "ann-3");
    }

    @Test
    void aUserWhoseLastRunStartedLongestAgoGoesFirst() {
        repository.insert(queued("bob-old", ExecutionModel.THREADS, T0), "bob");
        repository.claimNext("node-a", Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC));
        repository.insert(queued("ann-old", ExecutionModel.THREADS, T0.plusSeconds(2)), "ann");
        repository.claimNext("node-a", Clock.fixed(T0.plusSeconds(3), ZoneOffset.UTC));
        // Bob's next is older, but Ann's last run started after Bob's.
        repository.insert(queued("bob-next", ExecutionModel.THREADS, T0.plusSeconds(4)), "bob");
        repository.insert(queued("ann-next", ExecutionModel.THREADS, T0.plusSeconds(5)), "ann");

        Experiment next = repository.claimNext("node-a", Clock.fixed(T0.plusSeconds(6), ZoneOffset.UTC)).orElseThrow();

        assertThat(next.id()).isEqualTo("bob-next");
    }

    @Test
    void countsAUsersQueuedAndRunningExperimentsOnly() {
        repository.insert(queued("ann-1", ExecutionModel.THREADS, T0), "ann");
        repository.insert(queued("ann-2", ExecutionModel.THREADS, T0.plusSeconds(1)), "ann");
        repository.insert(queued("ann-3", ExecutionModel.THREADS, T0.plusSeconds(2)), "ann");
        repository.insert(queued("bob-1", ExecutionModel.THREADS, T0.plusSeconds(3)), "bob");
        repository.claimNext("node-a", Clock.fixed(T0.plusSeconds(4), ZoneOffset.UTC));
        repository.finish("ann-3", ExperimentStatus.QUEUED, ExperimentStatus.CANCELLED, "cancelled", null,
                T0.plusSeconds(5));

        assertThat(repository.countActive("ann")).isEqualTo(2);
        assertThat(repository.countActive("bob")).isEqualTo(1);
        assertThat(repository.countActive("carol")).isZero();
    }

    @Test
    void finishStoresTheResultAsTheApiShowedIt() {
        repository.insert(queued("e1", ExecutionModel.THREADS, T0), null);
        Experiment running = repository.claimNext("node-a", Clock.fixed(T0, ZoneOffset.UTC)).orElseThrow();
        ExperimentResult result = result(running.spec());

        boolean finished = repository.finish("e1", ExperimentStatus.RUNNING, ExperimentStatus.SUCCEEDED, null, result,
                T0.plusSeconds(3));

        assertThat(finished).isTrue();
        Experiment stored = repository.findById("e1").orElseThrow();
        assertThat(stored.status()).isEqualTo(ExperimentStatus.SUCCEEDED);
        assertThat(stored.finishedAt()).isEqualTo(T0.plusSeconds(3));
        // What users see is what they saw before it was stored.
        JsonMapper api = JsonMapper.builder().build();
        assertThat(api.writeValueAsString(stored.result())).isEqualTo(api.writeValueAsString(result));
        assertThat(stored.result().summary()).isEqualTo(result.summary());
        assertThat(repository.finish("e1", ExperimentStatus.RUNNING, ExperimentStatus.FAILED, "late", null, T0))
                .as("no longer RUNNING").isFalse();
    }

    @Test
    void listsNewestFirstWithTheSummaryAsShown() {
        repository.insert(queued("threads", ExecutionModel.THREADS, T0), null);
        repository.insert(queued("gil", ExecutionModel.GIL, T0.plusSeconds(1)), null);
        Experiment running = repository.claimNext("node-a", Clock.fixed(T0, ZoneOffset.UTC)).orElseThrow();
        ExperimentResult result = result(running.spec());
        repository.finish("threads", ExperimentStatus.RUNNING, ExperimentStatus.SUCCEEDED, null, result, T0);

        List<ExperimentListing> all = repository.list(new ExperimentFilter(null, null, null), 0, 10);
        ExperimentFilter gil = new ExperimentFilter(null, ExecutionModel.GIL, null);

        assertThat(all).extracting(ExperimentListing::id).containsExactly("gil", "threads");
        assertThat(all.get(1).summaryJson()).isEqualTo(new StoredDocuments().writeShownSummary(result.summary()));
        assertThat(all.get(0).summaryJson()).isNull();
        assertThat(all.get(0).parallelism()).isEqualTo(2);
        assertThat(repository.list(gil, 0, 10)).extracting(ExperimentListing::id).containsExactly("gil");
        assertThat(repository.count(gil)).isEqualTo(1);
        assertThat(repository.count(new ExperimentFilter(ExperimentStatus.SUCCEEDED, null, "cpu.primes"))).isEqualTo(1);
        assertThat(repository.list(new ExperimentFilter(null, null, null), 1, 1)).extracting(ExperimentListing::id)
                .containsExactly("threads");
    }

    @Test
    void cancelIsAFlagForTheRunningNode() {
        repository.insert(queued("e1", ExecutionModel.THREADS, T0), null);
        assertThat(repository.requestCancel("e1")).as("only a running experiment").isFalse();
        repository.claimNext("node-a", Clock.fixed(T0, ZoneOffset.UTC)).orElseThrow();

        assertThat(repository.requestCancel("e1")).isTrue();
        assertThat(repository.cancelRequested(new ArrayList<>(Set.of("e1", "other")))).containsExactly("e1");
    }

    private static Experiment queued(String id, ExecutionModel model, Instant createdAt) {
        ModelOptions options = new ModelOptions(model == ExecutionModel.PROCESSES
                ? Map.of("reuseWorkers", false, "chunkSize", 4, "maxTasksPerWorker", 0, "aotCache", true) : Map.of());
        ResolvedSpec spec = new ResolvedSpec(id + " on " + model, model, 2, 8,
                new ResolvedSpec.ResolvedWorkload("cpu.primes", Map.of("size", 1000L)), 1, 3, true, 60, options);
        return new Experiment(id, spec, ExperimentStatus.QUEUED, null, createdAt, null, null, null, null);
    }

    /** A small result with every part a stored one has: runs, observations, warnings, environment. */
    private static ExperimentResult result(ResolvedSpec spec) {
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            boolean baseline = i % 2 == 0;
            double wall = baseline ? 100 + i : 52 + i;
            runs.add(new RunResult(i, false, baseline, baseline ? "SEQUENTIAL" : "THREADS", wall, wall * 0.9, 8,
                    8000 / wall, new Percentiles(12.5, 13, 13.5, 14), new Percentiles(1, 2, 3, 4), null, 42, null,
                    baseline ? Observations.NONE : Observations.fromPlain(Map.of("lost", 0, "mode", "fair")),
                    List.of(new long[] {0, 0, 1200}, new long[] {1, 10, 1190})));
        }
        Environment environment = new Environment(2, "21", "vendor", "vm", List.of("-Xmx1g"), "Linux", "amd64",
                0.5, "node-a");
        return ExperimentResult.of(true, runs, environment, spec.subject(),
                List.of(new Warning(Warning.Code.AOT_CACHE_BUILDING, "built the AOT cache meanwhile")));
    }
}
