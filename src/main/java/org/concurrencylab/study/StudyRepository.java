package org.concurrencylab.study;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.security.Owner;
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
        jdbc.sql("""
                insert into study (id, name, spec, status, created_at, owner_id, shared)
                values (:id, :name, :spec, :status, :createdAt, :owner, :shared)""")
                .param("id", study.id())
                .param("name", study.name())
                .param("spec", json.writeValueAsString(StoredStudySpec.of(study.spec())))
                .param("status", study.state())
                .param("createdAt", study.createdAt().atOffset(ZoneOffset.UTC))
                .param("owner", study.owner() == null ? null : study.owner().id())
                .param("shared", study.shared())
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
        return jdbc.sql("""
                select s.id, s.name, s.spec, s.status, s.created_at, s.owner_id, s.shared,
                    u.name owner_name, u.teacher_id owner_teacher_id
                from study s left join lab_user u on u.id = s.owner_id
                where s.id = :id""")
                .param("id", id)
                .query((rs, row) -> map(rs, cells))
                .optional();
    }

    /** The study an experiment is a cell of, if any. */
    Optional<String> studyOf(String experimentId) {
        return jdbc.sql("select study_id from study_cell where experiment_id = :id")
                .param("id", experimentId)
                .query(String.class)
                .optional();
    }

    void setShared(String id, boolean shared) {
        jdbc.sql("update study set shared = :shared where id = :id").param("shared", shared).param("id", id).update();
    }

    void setState(String id, String state) {
        jdbc.sql("update study set status = :status where id = :id").param("status", state).param("id", id).update();
    }

    private Study map(ResultSet rs, List<Study.Cell> cells) throws SQLException {
        return new Study(rs.getString("id"), rs.getString("name"),
                json.readValue(rs.getString("spec"), StoredStudySpec.class).toSpec(), rs.getString("status"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), cells, owner(rs), rs.getBoolean("shared"));
    }

    private static Owner owner(ResultSet rs) throws SQLException {
        String id = rs.getString("owner_id");
        return id == null ? null : new Owner(id, rs.getString("owner_name"), rs.getString("owner_teacher_id"));
    }
}
