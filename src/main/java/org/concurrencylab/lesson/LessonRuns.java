package org.concurrencylab.lesson;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.concurrencylab.security.LabUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which experiment was run for which lesson, by whom. */
@Repository
class LessonRuns {

    /** More runs of one lesson than a class makes in a lecture; the newest are kept in view. */
    static final int MAX_CLASS_RUNS = 1000;

    private final JdbcClient jdbc;

    LessonRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String experimentId, String lessonId, String ownerId, Instant at) {
        jdbc.sql("insert into lesson_run (experiment_id, lesson_id, owner_id, created_at) "
                        + "values (:experiment, :lesson, :owner, :at)")
                .param("experiment", experimentId)
                .param("lesson", lessonId)
                .param("owner", ownerId)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    Optional<String> lessonOf(String experimentId) {
        return jdbc.sql("select lesson_id from lesson_run where experiment_id = :experiment")
                .param("experiment", experimentId)
                .query(String.class)
                .optional();
    }

    /**
     * The experiments run for a lesson by the viewer's class (a teacher's students and the teacher;
     * an admin: everyone's), newest first.
     */
    List<String> ofClass(String lessonId, LabUser viewer) {
        String mine = viewer.isAdmin() ? "" : " and (u.teacher_id = :viewer or r.owner_id = :viewer)";
        JdbcClient.StatementSpec statement = jdbc.sql("select r.experiment_id from lesson_run r "
                        + "join lab_user u on u.id = r.owner_id where r.lesson_id = :lesson" + mine
                        + " order by r.created_at desc, r.experiment_id limit " + MAX_CLASS_RUNS)
                .param("lesson", lessonId);
        if (!viewer.isAdmin()) {
            statement = statement.param("viewer", viewer.id());
        }
        return statement.query(String.class).list();
    }
}
