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
import org.concurrencylab.security.LabUser;
import org.concurrencylab.security.Owner;
import org.concurrencylab.security.Role;
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

    /**
     * Every study {@code viewer} may see, newest first, with the status its cells give it. The status
     * is derived, never stored (so it cannot drift from the cells), so listing reads the cells'
     * statuses with one join rather than one experiment read per cell. What the viewer may see and
     * the owner filter are conditions in SQL ({@link LabUser#mayRead} as the experiment list has it);
     * the derived status, the workload kind and the models (inside the spec) are left to the caller.
     */
    List<StudyPage.Item> list(StudyFilter filter, LabUser viewer) {
        Map<String, List<ExperimentStatus>> statuses = new HashMap<>();
        visible("""
                select c.study_id, e.status from study_cell c join experiment e on e.id = c.experiment_id
                    join study s on s.id = c.study_id left join lab_user u on u.id = s.owner_id""",
                filter, viewer, " order by c.study_id, c.position")
                .query((rs, row) -> statuses.computeIfAbsent(rs.getString("study_id"), id -> new ArrayList<>())
                        .add(ExperimentStatus.valueOf(rs.getString("status"))))
                .list();
        return visible("""
                select s.id, s.name, s.spec, s.status, s.created_at, s.owner_id, s.shared,
                    u.name owner_name, u.teacher_id owner_teacher_id
                from study s left join lab_user u on u.id = s.owner_id""",
                filter, viewer, " order by s.created_at desc, s.id")
                .query((rs, row) -> {
                    Study study = map(rs, List.of());
                    List<ExperimentStatus> cells = statuses.getOrDefault(study.id(), List.of());
                    int done = (int) cells.stream().filter(ExperimentStatus::isTerminal).count();
                    return new StudyPage.Item(study.id(), study.name(), StudyStatus.of(cells),
                            new StudyReport.Progress(done, cells.size()), study.spec().workload().kind(),
                            study.spec().models(), study.spec().parallelism(), study.spec().scalingOrDefault(),
                            study.createdAt(), study.owner(), study.shared());
                })
                .list();
    }

    /**
     * {@code select} (over {@code study s left join lab_user u}) narrowed to what the viewer may see:
     * an admin everything; anyone else its own, its students' (for a teacher) and what is shared.
     * Studies without an owner (stored before the lab had users) are the admins'.
     */
    private JdbcClient.StatementSpec visible(String select, StudyFilter filter, LabUser viewer, String tail) {
        List<String> where = new ArrayList<>();
        if (!viewer.isAdmin()) {
            where.add(viewer.role() == Role.TEACHER
                    ? "(s.owner_id = :viewer or u.teacher_id = :viewer or s.shared = true)"
                    : "(s.owner_id = :viewer or s.shared = true)");
        }
        if (filter.ownerId() != null) {
            where.add("s.owner_id = :owner");
        }
        String sql = select + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + tail;
        JdbcClient.StatementSpec statement = jdbc.sql(sql);
        if (!viewer.isAdmin()) {
            statement = statement.param("viewer", viewer.id());
        }
        if (filter.ownerId() != null) {
            statement = statement.param("owner", filter.ownerId());
        }
        return statement;
    }

    /** The study an experiment is a cell of, if any. */
    Optional<String> studyOf(String experimentId) {
        return jdbc.sql("select study_id from study_cell where experiment_id = :id")
                .param("id", experimentId)
                .query(String.class)
                .optional();
    }

    /**
     * Removes the study and its links to its cells (its cells' experiments are the caller's to remove
     * next, in the same transaction, once no link holds them); false when it was gone already.
     */
    boolean delete(String id) {
        jdbc.sql("delete from study_cell where study_id = :id").param("id", id).update();
        return jdbc.sql("delete from study where id = :id").param("id", id).update() == 1;
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
