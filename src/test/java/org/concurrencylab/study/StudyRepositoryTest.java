package org.concurrencylab.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.ExperimentSpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The repository on the embedded database Flyway builds, each test in a transaction rolled back after it. */
@JdbcTest
@Import(StudyRepository.class)
class StudyRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Autowired
    private StudyRepository repository;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void readsBackTheStudyItsCellsAndItsState() {
        cellExperiment("c0");
        cellExperiment("c1");
        // A choice param by its name and left-out fields as null: the spec as the user sent it.
        StudySpec spec = new StudySpec("queue study",
                new ExperimentSpec.WorkloadSpec("sync.queue", Map.of("capacity", 4, "policy", "fair")),
                List.of(ExecutionModel.THREADS, ExecutionModel.GIL), List.of(2), 8, null, 3, null);
        Study study = new Study("s1", "queue study", spec, Study.SUBMITTED, T0,
                List.of(new Study.Cell(0, "c0", ExecutionModel.THREADS, 2), new Study.Cell(1, "c1", ExecutionModel.GIL, 2)));

        repository.insert(study);
        repository.setState("s1", Study.CANCEL_REQUESTED);

        Study stored = repository.findById("s1").orElseThrow();
        assertThat(stored.spec()).isEqualTo(spec);
        assertThat(stored.cells()).isEqualTo(study.cells());
        assertThat(stored.state()).isEqualTo(Study.CANCEL_REQUESTED);
        assertThat(stored.createdAt()).isEqualTo(T0);
        assertThat(repository.studyOf("c1")).contains("s1");
        assertThat(repository.studyOf("elsewhere")).isEmpty();
        assertThat(repository.findById("nobody")).isEmpty();
    }

    @Test
    void keepsTheSweepAndScalingAndListsStudiesNewestFirstWithTheirCellsStatuses() {
        cellExperiment("w0");
        StudySpec older = new StudySpec("older", new ExperimentSpec.WorkloadSpec("cpu.primes", Map.of()),
                List.of(ExecutionModel.THREADS), List.of(1), null, null, null, null);
        repository.insert(new Study("s-old", "older", older, Study.SUBMITTED, T0, List.of()));
        StudySpec swept = new StudySpec("sweep", new ExperimentSpec.WorkloadSpec("mixed", Map.of("cpuMillis", 1)),
                List.of(ExecutionModel.GIL), List.of(2), 4, null, null, null, StudySpec.Scaling.WEAK,
                Map.of("ioMillis", List.of(0, 4, 16)));
        repository.insert(new Study("s-new", "sweep", swept, Study.SUBMITTED, T0.plusSeconds(1),
                List.of(new Study.Cell(0, "w0", ExecutionModel.GIL, 2))));

        assertThat(repository.findById("s-new").orElseThrow().spec()).isEqualTo(swept);
        List<StudyPage.Item> listed = repository.list();
        assertThat(listed).extracting(StudyPage.Item::id).containsSubsequence("s-new", "s-old");
        StudyPage.Item item = listed.stream().filter(i -> i.id().equals("s-new")).findFirst().orElseThrow();
        assertThat(item.status()).isEqualTo(StudyStatus.QUEUED);
        assertThat(item.progress()).isEqualTo(new StudyReport.Progress(0, 1));
        assertThat(item.scaling()).isEqualTo(StudySpec.Scaling.WEAK);
        assertThat(item.workloadKind()).isEqualTo("mixed");
    }

    /** The experiment a cell links to; only its key matters here. */
    private void cellExperiment(String id) {
        jdbc.sql("""
                insert into experiment (id, name, model, workload_kind, status, spec, created_at)
                values (:id, 'cell', 'THREADS', 'sync.queue', 'QUEUED', '{}', :created)""")
                .param("id", id)
                .param("created", T0.atOffset(ZoneOffset.UTC))
                .update();
    }
}
