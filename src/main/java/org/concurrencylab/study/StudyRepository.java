package org.concurrencylab.study;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.experiment.ExperimentStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Studies and their links to the cell experiments. */
@Repository
class StudyRepository {

    private final JdbcClient jdbc;

    /**
     * Its own mapper, not the API's: {@code spring.jackson.*} settings are for request bodies, and
     * a field added by a newer node must not stop an older one sharing the database from reading.
     */
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    StudyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void insert(Study study) {
        jdbc.sql("insert into study (id, name, spec, status, created_at) values (:id, :name, :spec, :status, :createdAt)")
                .param("id", study.id())
                .param("name", study.name())
                .param("spec", json.writeValueAsString(StoredStudySpec.of(study.spec())))
                .param("status", study.state())
                .param("createdAt", study.createdAt().atOffset(ZoneOffset.UTC))
                .update();
        for (Study.Cell cell : study.cells()) {
            jdbc.sql("""
                    insert into study_cell (study_id, position, experiment_id, model, parallelism)
                    values (:study, :position, :experiment, :model, :parallelism)""")
                    .param("study", study.id())
                    .param("position", cell.position())
                    .param("experiment", cell.experimentId())
                    .param("model", cell.model().name())
                    .param("parallelism", cell.parallelism())
                    .update();
        }
    }

    Optional<Study> findById(String id) {
        List<Study.Cell> cells = jdbc.sql("""
                select position, experiment_id, model, parallelism from study_cell
                where study_id = :id order by position""")
                .param("id", id)
                .query((rs, row) -> new Study.Cell(rs.getInt("position"), rs.getString("experiment_id"),
                        ExecutionModel.valueOf(rs.getString("model")), rs.getInt("parallelism")))
                .list();
        return jdbc.sql("select id, name, spec, status, created_at from study where id = :id")
                .param("id", id)
                .query((rs, row) -> map(rs, cells))
                .optional();
    }

    /**
     * Every study, newest first, with the status its cells give it. The status is derived, never
     * stored (so it cannot drift from the cells), so listing reads the cells' statuses with one join
     * rather than one experiment read per cell.
     */
    List<StudyPage.Item> list() {
        Map<String, List<ExperimentStatus>> statuses = new HashMap<>();
        jdbc.sql("""
                select c.study_id, e.status from study_cell c join experiment e on e.id = c.experiment_id
                order by c.study_id, c.position""")
                .query((rs, row) -> statuses.computeIfAbsent(rs.getString("study_id"), id -> new ArrayList<>())
                        .add(ExperimentStatus.valueOf(rs.getString("status"))))
                .list();
        return jdbc.sql("select id, name, spec, status, created_at from study order by created_at desc, id")
                .query((rs, row) -> {
                    Study study = map(rs, List.of());
                    List<ExperimentStatus> cells = statuses.getOrDefault(study.id(), List.of());
                    int done = (int) cells.stream().filter(ExperimentStatus::isTerminal).count();
                    return new StudyPage.Item(study.id(), study.name(), StudyStatus.of(cells),
                            new StudyReport.Progress(done, cells.size()), study.spec().workload().kind(),
                            study.spec().models(), study.spec().parallelism(), study.spec().scalingOrDefault(),
                            study.createdAt());
                })
                .list();
    }

    /** The study an experiment is a cell of, if any. */
    Optional<String> studyOf(String experimentId) {
        return jdbc.sql("select study_id from study_cell where experiment_id = :id")
                .param("id", experimentId)
                .query(String.class)
                .optional();
    }

    void setState(String id, String state) {
        jdbc.sql("update study set status = :status where id = :id").param("status", state).param("id", id).update();
    }

    private Study map(ResultSet rs, List<Study.Cell> cells) throws SQLException {
        return new Study(rs.getString("id"), rs.getString("name"),
                json.readValue(rs.getString("spec"), StoredStudySpec.class).toSpec(), rs.getString("status"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), cells);
    }
}
