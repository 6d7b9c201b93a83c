package org.concurrencylab.experiment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.security.Owner;

/** Reads the experiment table's rows (with the owner joined in) back into experiments and list items. */
final class ExperimentRows {

    private final StoredDocuments documents;
    private final FinishedDocuments finished = new FinishedDocuments();

    ExperimentRows(StoredDocuments documents) {
        this.documents = documents;
    }

    Experiment experiment(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("id");
        ExperimentStatus status = ExperimentStatus.valueOf(rs.getString("status"));
        Instant finishedAt = instant(rs, "finished_at");
        FinishedDocuments.Parsed parsed = status.isTerminal() && finishedAt != null ? finished.get(id, finishedAt) : null;
        if (parsed == null) {
            String result = rs.getString("result");
            parsed = new FinishedDocuments.Parsed(finishedAt, documents.readSpec(rs.getString("spec")),
                    result == null ? null : documents.readResult(result));
            if (status.isTerminal() && finishedAt != null) {
                finished.put(id, parsed);
            }
        }
        return new Experiment(
                id,
                parsed.spec(),
                status,
                rs.getString("status_reason"),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                finishedAt,
                rs.getString("node_id"),
                parsed.result(),
                owner(rs),
                rs.getBoolean("shared"),
                estimate(rs));
    }

    ExperimentListing listing(ResultSet rs, int row) throws SQLException {
        return new ExperimentListing(
                rs.getString("id"),
                rs.getString("name"),
                ExecutionModel.valueOf(rs.getString("model")),
                rs.getString("workload_kind"),
                rs.getInt("parallelism"),
                rs.getInt("tasks"),
                ExperimentStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"),
                instant(rs, "created_at"),
                instant(rs, "finished_at"),
                rs.getString("summary"),
                owner(rs),
                rs.getBoolean("shared"));
    }

    private static Estimate estimate(ResultSet rs) throws SQLException {
        String basis = rs.getString("estimate_basis");
        return basis == null ? null : new Estimate(rs.getDouble("estimated_seconds"), Estimate.Basis.valueOf(basis),
                rs.getString("estimate_detail"));
    }

    private static Owner owner(ResultSet rs) throws SQLException {
        String id = rs.getString("owner_id");
        return id == null ? null : new Owner(id, rs.getString("owner_name"), rs.getString("owner_teacher_id"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
