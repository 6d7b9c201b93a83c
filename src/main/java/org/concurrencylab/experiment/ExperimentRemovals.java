package org.concurrencylab.experiment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.concurrencylab.core.ExecutionModel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Removing finished experiments. Only rows in a final status are ever deleted (the condition is in
 * the statement, so a row another node claimed meanwhile stays), and never a cell of a study: the
 * study_cell table's foreign key says so, and the study is what a user deletes instead.
 */
@Repository
class ExperimentRemovals {

    private final JdbcClient jdbc;

    ExperimentRemovals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The study whose cell this experiment is, if it is one. */
    Optional<String> studyOf(String experimentId) {
        return jdbc.sql("select study_id from study_cell where experiment_id = :id")
                .param("id", experimentId)
                .query(String.class)
                .optional();
    }

    /**
     * Deletes those of {@code ids} that are finished and no study's cell (any more); returns what
     * was deleted, each by this call alone (one statement per row, so two nodes removing the same
     * rows never both count one). A study removes its cell rows first, in the same transaction.
     */
    List<ExperimentEvent.Deleted> deleteFinished(Collection<String> ids, ExperimentEvent.Remover by) {
        List<ExperimentEvent.Deleted> deleted = new ArrayList<>();
        for (String id : ids) {
            Optional<ExperimentEvent.Deleted> row = jdbc.sql("select model, workload_kind from experiment where id = :id")
                    .param("id", id)
                    .query((rs, n) -> new ExperimentEvent.Deleted(id, ExecutionModel.valueOf(rs.getString("model")),
                            rs.getString("workload_kind"), by))
                    .optional();
            int rows = row.isEmpty() ? 0 : jdbc.sql("""
                    delete from experiment
                    where id = :id and status in ('SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT')
                        and not exists (select 1 from study_cell c where c.experiment_id = experiment.id)""")
                    .param("id", id)
                    .update();
            if (rows == 1) {
                deleted.add(row.get());
            }
        }
        return deleted;
    }
}
