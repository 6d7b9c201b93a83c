package org.concurrencylab.experiment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.measure.ExperimentResult;
import org.concurrencylab.security.LabUser;
import org.concurrencylab.security.Owner;
import org.concurrencylab.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Experiments in the database. Every status change is a conditional update on the current
 * status, so two nodes (or a node and a user's cancel) can never both move the same row.
 */
@Repository
class ExperimentRepository {

    /** An experiment with its owner's name and teacher (a deleted owner keeps its row, so they stay known). */
    private static final String FROM = " from experiment e left join lab_user u on u.id = e.owner_id";
    private static final String OWNER_COLUMNS = "e.owner_id, u.name owner_name, u.teacher_id owner_teacher_id, e.shared";
    private static final String COLUMNS = "e.id, e.status, e.status_reason, e.spec, e.result, e.created_at, "
            + "e.started_at, e.finished_at, e.node_id, e.estimated_seconds, e.estimate_basis, e.estimate_detail, "
            + OWNER_COLUMNS;

    private final JdbcClient jdbc;
    private final StoredDocuments documents = new StoredDocuments();
    private final ExperimentRows rows = new ExperimentRows(documents);

    ExperimentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new experiment, with its owner (null outside a request), whether it is shared, and its estimate. */
    void insert(Experiment e) {
        jdbc.sql("""
                insert into experiment (id, name, model, workload_kind, parallelism, tasks, status, spec, created_at,
                    owner_id, shared, estimated_seconds, estimate_basis, estimate_detail)
                values (:id, :name, :model, :kind, :parallelism, :tasks, :status, :spec, :createdAt, :owner, :shared,
                    :estimatedSeconds, :estimateBasis, :estimateDetail)""")
                .param("id", e.id())
                .param("name", e.spec().name())
                .param("model", e.spec().model().name())
                .param("kind", e.spec().workload().kind())
                .param("parallelism", e.spec().parallelism())
                .param("tasks", e.spec().tasks())
                .param("status", e.status().name())
                .param("spec", documents.writeSpec(e.spec()))
                .param("createdAt", utc(e.createdAt()))
                .param("owner", e.owner() == null ? null : e.owner().id())
                .param("shared", e.shared())
                .param("estimatedSeconds", e.estimate() == null ? null : e.estimate().seconds())
                .param("estimateBasis", e.estimate() == null ? null : e.estimate().basis().name())
                .param("estimateDetail", e.estimate() == null ? null : truncate(e.estimate().detail()))
                .update();
    }

    Optional<Experiment> findById(String id) {
        return jdbc.sql("select " + COLUMNS + FROM + " where e.id = :id")
                .param("id", id)
                .query(rows::experiment)
                .optional();
    }

    /** Newest first, of what {@code viewer} may see. Null filters match everything. */
    List<ExperimentListing> list(ExperimentFilter filter, LabUser viewer, int page, int size) {
        return filtered("select e.id, e.name, e.model, e.workload_kind, e.parallelism, e.tasks, e.status, "
                        + "e.status_reason, e.created_at, e.finished_at, e.summary, " + OWNER_COLUMNS + FROM, filter,
                viewer, " order by e.seq desc limit :limit offset :offset")
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(rows::listing)
                .list();
    }

    long count(ExperimentFilter filter, LabUser viewer) {
        return filtered("select count(*)" + FROM, filter, viewer, "").query(Long.class).single();
    }

    /**
     * The filter's conditions and what the viewer may see ({@link LabUser#mayRead} as SQL): an admin
     * everything; anyone else its own, its students' (for a teacher) and what is shared.
     */
    private JdbcClient.StatementSpec filtered(String select, ExperimentFilter filter, LabUser viewer, String tail) {
        List<String> where = new ArrayList<>();
        if (!viewer.isAdmin()) {
            where.add(viewer.role() == Role.TEACHER
                    ? "(e.owner_id = :viewer or u.teacher_id = :viewer or e.shared = true)"
                    : "(e.owner_id = :viewer or e.shared = true)");
        }
        if (filter.status() != null) {
            where.add("e.status = :status");
        }
        if (filter.model() != null) {
            where.add("e.model = :model");
        }
        if (filter.workloadKind() != null) {
            where.add("e.workload_kind = :kind");
        }
        if (filter.ownerId() != null) {
            where.add("e.owner_id = :owner");
        }
        String sql = select + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + tail;
        JdbcClient.StatementSpec statement = jdbc.sql(sql);
        if (!viewer.isAdmin()) {
            statement = statement.param("viewer", viewer.id());
        }
        if (filter.status() != null) {
            statement = statement.param("status", filter.status().name());
        }
        if (filter.model() != null) {
            statement = statement.param("model", filter.model().name());
        }
        if (filter.workloadKind() != null) {
            statement = statement.param("kind", filter.workloadKind());
        }
        if (filter.ownerId() != null) {
            statement = statement.param("owner", filter.ownerId());
        }
        return statement;
    }

    /** Marks an experiment shared with every signed-in user, or takes that back; false when there is none. */
    boolean setShared(String id, boolean shared) {
        return jdbc.sql("update experiment set shared = :shared where id = :id")
                .param("shared", shared)
                .param("id", id)
                .update() == 1;
    }

    long countQueued() {
        return jdbc.sql("select count(*) from experiment where status = 'QUEUED'").query(Long.class).single();
    }

    /**
     * Locks the user's row until the transaction ends: a user's submits, on any node, count and
     * insert one after another (see {@link ExperimentService#submit}).
     */
    void lockOwner(String ownerId) {
        jdbc.sql("select id from lab_user where id = :owner for update").param("owner", ownerId).query(String.class)
                .optional();
    }

    /** The user's experiments that are QUEUED or RUNNING: what the per-user quota counts. */
    long countActive(String ownerId) {
        return jdbc.sql("select count(*) from experiment where owner_id = :owner and status in ('QUEUED', 'RUNNING')")
                .param("owner", ownerId)
                .query(Long.class)
                .single();
    }

    /** Moves a row from {@code from} to a terminal status; false when it was no longer {@code from}. */
    boolean finish(String id, ExperimentStatus from, ExperimentStatus to, String reason, ExperimentResult result,
            Instant now) {
        return finish(id, from, to, reason, result, now, null);
    }

    /**
     * Records the outcome of a run under its lease: false, changing nothing, unless the row is still
     * RUNNING under that very lease (node and epoch), so a node whose lease another node recorded as
     * lapsed cannot overwrite what that node decided.
     */
    boolean finish(Lease lease, ExperimentStatus to, String reason, ExperimentResult result, Instant now) {
        return finish(lease.experimentId(), ExperimentStatus.RUNNING, to, reason, result, now, lease);
    }

    private boolean finish(String id, ExperimentStatus from, ExperimentStatus to, String reason,
            ExperimentResult result, Instant now, Lease lease) {
        from.checkMoveTo(to);
        JdbcClient.StatementSpec update = jdbc.sql("""
                update experiment set status = :to, status_reason = :reason, result = :result, summary = :summary,
                    finished_at = :now
                where id = :id and status = :from""" + (lease == null ? "" : " and node_id = :node and lease_epoch = :epoch"))
                .param("to", to.name())
                .param("reason", truncate(reason))
                .param("result", result == null ? null : documents.writeResult(result))
                .param("summary", result == null || result.summary() == null ? null
                        : documents.writeShownSummary(result.summary()))
                .param("now", utc(now))
                .param("id", id)
                .param("from", from.name());
        if (lease != null) {
            update = update.param("node", lease.nodeId()).param("epoch", lease.epoch());
        }
        return update.update() == 1;
    }

    /** Asks whichever node runs the experiment to stop it; that node sees the flag on its next heartbeat. */
    boolean requestCancel(String id) {
        return jdbc.sql("update experiment set cancel_requested = true where id = :id and status = 'RUNNING'")
                .param("id", id)
                .update() == 1;
    }

    /*
     * The query below takes "id in (:ids)" from a copy of ids: callers pass the live key set of
     * what runs, and a set that shrank between expanding the placeholders and binding them left
     * one unbound ("No value specified for parameter 1" on PostgreSQL), failing the heartbeat.
     */

    List<String> cancelRequested(Collection<String> ids) {
        List<String> snapshot = List.copyOf(ids);
        if (snapshot.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id from experiment where cancel_requested = true and status = 'RUNNING' and id in (:ids)")
                .param("ids", snapshot)
                .query(String.class)
                .list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A reason as the column holds it: at most 4000 characters. */
    static String truncate(String reason) {
        return reason == null || reason.length() <= 4000 ? reason : reason.substring(0, 3997) + "...";
    }
}
