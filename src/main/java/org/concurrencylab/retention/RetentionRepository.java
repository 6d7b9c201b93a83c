package org.concurrencylab.retention;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the retention rules may remove, oldest first: finished experiments that are no study's cell,
 * and studies whose cells have all finished (which go whole). Only reads: removing is for the
 * services that own the rows.
 */
@Repository
class RetentionRepository {

    /** A finished experiment, or a finished study with its cells: what goes at once. */
    record Removable(String experimentId, String studyId, int experiments, Instant finishedAt) {

        static Removable experiment(String id, Instant finishedAt) {
            return new Removable(id, null, 1, finishedAt);
        }

        static Removable study(String id, int cells, Instant finishedAt) {
            return new Removable(null, id, cells, finishedAt);
        }
    }

    /** When a row finished; rows from before finish times were kept count from their creation. */
    private static final String FINISHED = "coalesce(e.finished_at, e.created_at)";
    private static final String FINAL = "e.status in ('SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT')";

    private final JdbcClient jdbc;

    RetentionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long countExperiments() {
        return jdbc.sql("select count(*) from experiment").query(Long.class).single();
    }

    /** Everything removable that finished before {@code cutoff}, oldest first. */
    List<Removable> finishedBefore(Instant cutoff) {
        return oldest(cutoff, Integer.MAX_VALUE);
    }

    /** At most {@code limit} experiments and {@code limit} studies, oldest first: enough to remove {@code limit} rows. */
    List<Removable> oldest(int limit) {
        return oldest(null, limit);
    }

    private List<Removable> oldest(Instant cutoff, int limit) {
        String before = cutoff == null ? "" : " and " + FINISHED + " < :cutoff";
        JdbcClient.StatementSpec experiments = jdbc.sql("select e.id, " + FINISHED + " finished from experiment e"
                + " where " + FINAL + before
                + " and not exists (select 1 from study_cell c where c.experiment_id = e.id)"
                + " order by finished, e.seq limit :limit");
        JdbcClient.StatementSpec studies = jdbc.sql("select c.study_id, count(*) cells, max(" + FINISHED + ") finished"
                + " from study_cell c join experiment e on e.id = c.experiment_id group by c.study_id"
                + " having sum(case when " + FINAL + " then 0 else 1 end) = 0"
                + (cutoff == null ? "" : " and max(" + FINISHED + ") < :cutoff")
                + " order by finished, c.study_id limit :limit");
        if (cutoff != null) {
            experiments = experiments.param("cutoff", cutoff.atOffset(ZoneOffset.UTC));
            studies = studies.param("cutoff", cutoff.atOffset(ZoneOffset.UTC));
        }
        List<Removable> removable = new ArrayList<>(experiments.param("limit", limit)
                .query((rs, row) -> Removable.experiment(rs.getString("id"), instant(rs.getObject("finished",
                        OffsetDateTime.class))))
                .list());
        removable.addAll(studies.param("limit", limit)
                .query((rs, row) -> Removable.study(rs.getString("study_id"), rs.getInt("cells"),
                        instant(rs.getObject("finished", OffsetDateTime.class))))
                .list());
        removable.sort(Comparator.comparing(Removable::finishedAt));
        return removable;
    }

    private static Instant instant(OffsetDateTime time) {
        return time.toInstant();
    }
}
