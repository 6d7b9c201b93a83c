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
import org.concurrencylab.security.LabUser;
import org.concurrencylab.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/** The repository on the embedded database Flyway builds, each test in a transaction rolled back after it. */
@JdbcTest
@Import({ExperimentRepository.class, LeaseRepository.class})
class ExperimentRepositoryTest {

    /** Lists as an admin, who sees every experiment (ownership is tested over HTTP, in OwnershipApiTest). */
    private static final LabUser ADMIN = new LabUser("admin-id", "admin", Role.ADMIN, null, Instant.EPOCH);

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Autowired
    private ExperimentRepository repository;

    @Autowired
    private LeaseRepository leases;

    @Test
    void readsBackWhatItInserted() {
        Experiment queued = queued("e1", ExecutionModel.PROCESSES, T0);

        repository.insert(queued);

        assertThat(repository.findById("e1")).contains(queued);
        assertThat(repository.findById("nobody")).isEmpty();
        assertThat(repository.countQueued()).isEqualTo(1);
    }

    @Test
    void claimsTheOldestQueuedOnceAndStampsTheNode() {
        repository.insert(queued("older", ExecutionModel.THREADS, T0));
        repository.insert(queued("newer", ExecutionModel.THREADS, T0.plusSeconds(1)));
        Clock clock = Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC);

        Experiment first = leases.claimNext("node-a", clock).orElseThrow().experiment();
        Experiment second = leases.claimNext("node-b", clock).orElseThrow().experiment();

        assertThat(first.id()).isEqualTo("older");
        assertThat(first.status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(first.nodeId()).isEqualTo("node-a");
        assertThat(first.startedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(second.id()).isEqualTo("newer");
        assertThat(leases.claimNext("node-a", clock)).isEmpty();
    }

    @Test
    void finishStoresTheResultAsTheApiShowedIt() {
        repository.insert(queued("e1", ExecutionModel.THREADS, T0));
        Experiment running = leases.claimNext("node-a", Clock.fixed(T0, ZoneOffset.UTC)).orElseThrow().experiment();
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
        repository.insert(queued("threads", ExecutionModel.THREADS, T0));
        repository.insert(queued("gil", ExecutionModel.GIL, T0.plusSeconds(1)));
        Experiment running = leases.claimNext("node-a", Clock.fixed(T0, ZoneOffset.UTC)).orElseThrow().experiment();
        ExperimentResult result = result(running.spec());
        repository.finish("threads", ExperimentStatus.RUNNING, ExperimentStatus.SUCCEEDED, null, result, T0);

        List<ExperimentListing> all = repository.list(new ExperimentFilter(null, null, null, null), ADMIN, 0, 10);
        ExperimentFilter gil = new ExperimentFilter(null, ExecutionModel.GIL, null, null);

        assertThat(all).extracting(ExperimentListing::id).containsExactly("gil", "threads");
        assertThat(all.get(1).summaryJson()).isEqualTo(new StoredDocuments().writeShownSummary(result.summary()));
        assertThat(all.get(0).summaryJson()).isNull();
        assertThat(all.get(0).parallelism()).isEqualTo(2);
        assertThat(repository.list(gil, ADMIN, 0, 10)).extracting(ExperimentListing::id).containsExactly("gil");
        assertThat(repository.count(gil, ADMIN)).isEqualTo(1);
        assertThat(repository.count(new ExperimentFilter(ExperimentStatus.SUCCEEDED, null, "cpu.primes", null), ADMIN)).isEqualTo(1);
        assertThat(repository.list(new ExperimentFilter(null, null, null, null), ADMIN, 1, 1)).extracting(ExperimentListing::id)
                .containsExactly("threads");
    }

    @Test
    void cancelIsAFlagForTheRunningNode() {
        repository.insert(queued("e1", ExecutionModel.THREADS, T0));
        assertThat(repository.requestCancel("e1")).as("only a running experiment").isFalse();
        leases.claimNext("node-a", Clock.fixed(T0, ZoneOffset.UTC)).orElseThrow();

        assertThat(repository.requestCancel("e1")).isTrue();
        assertThat(repository.cancelRequested(new ArrayList<>(Set.of("e1", "other")))).containsExactly("e1");
    }

    private static Experiment queued(String id, ExecutionModel model, Instant createdAt) {
        ModelOptions options = new ModelOptions(model == ExecutionModel.PROCESSES
                ? Map.of("reuseWorkers", false, "chunkSize", 4, "maxTasksPerWorker", 0, "aotCache", true) : Map.of());
        ResolvedSpec spec = new ResolvedSpec(id + " on " + model, model, 2, 8,
                new ResolvedSpec.ResolvedWorkload("cpu.primes", Map.of("size", 1000L)), 1, 3, true, 60, options);
        return new Experiment(id, spec, ExperimentStatus.QUEUED, null, createdAt, null, null, null, null, null, false);
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
