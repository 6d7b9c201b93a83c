package org.concurrencylab.experiment;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How long earlier runs of the same work took on this node: the estimate a spec gets when its
 * workload's waits say little (computing takes what the machine makes of it).
 */
@Repository
class PastRuns {

    /** The most recent successful runs looked at: enough for a median, few enough to follow a changed machine. */
    static final int LOOKED_AT = 5;
    /** Rows read to find them: rows of the same model, kind and size whose other fields may differ. */
    private static final int CANDIDATES = 50;

    private final JdbcClient jdbc;
    private final StoredDocuments documents = new StoredDocuments();

    PastRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The median duration of the latest {@value #LOOKED_AT} SUCCEEDED runs of the same work on
     * {@code nodeId} (the same spec but for its name, time limit and repetitions), or empty
     * without one. The detail says how many and how they ranged, and whether even the fastest took
     * longer than the spec's time limit: such a spec is still accepted (a quieter machine may make
     * it), and its detail says what to expect.
     */
    Optional<Estimate> estimate(ResolvedSpec spec, String nodeId) {
        List<Double> seconds = jdbc.sql("""
                select spec, started_at, finished_at from experiment
                where status = 'SUCCEEDED' and node_id = :node and model = :model and workload_kind = :kind
                    and parallelism = :parallelism and tasks = :tasks and started_at is not null
                    and finished_at is not null
                order by seq desc limit :limit""")
                .param("node", nodeId)
                .param("model", spec.model().name())
                .param("kind", spec.workload().kind())
                .param("parallelism", spec.parallelism())
                .param("tasks", spec.tasks())
                .param("limit", CANDIDATES)
                .query((rs, row) -> new Past(documents.readSpec(rs.getString("spec")),
                        Duration.between(rs.getObject("started_at", OffsetDateTime.class),
                                rs.getObject("finished_at", OffsetDateTime.class))))
                .list().stream()
                .filter(past -> SpecDifference.sameWork(past.spec(), spec))
                .limit(LOOKED_AT)
                .map(Past::secondsPerRun)
                .toList();
        if (seconds.isEmpty()) {
            return Optional.empty();
        }
        // Scaled from their runs to this spec's: repetitions may differ, the work of each run does not.
        int runs = runs(spec);
        double[] scaled = seconds.stream().mapToDouble(s -> s * runs).sorted().toArray();
        double median = new Median().evaluate(scaled);
        double fastest = scaled[0];
        String detail = String.format(Locale.ROOT, "the median of the latest %d SUCCEEDED experiment%s with this "
                + "spec on node %s, scaled to its %d runs (%s to %s)", scaled.length, scaled.length == 1 ? "" : "s",
                nodeId, runs, Estimate.seconds(fastest), Estimate.seconds(scaled[scaled.length - 1]));
        if (fastest > spec.timeLimitSeconds()) {
            detail += "; even the fastest took longer than the time limit of " + spec.timeLimitSeconds()
                    + " s, so expect TIMED_OUT with a partial result";
        }
        return Optional.of(new Estimate(median, Estimate.Basis.PAST_RUNS, detail));
    }

    private record Past(ResolvedSpec spec, Duration took) {

        /** Seconds per run, warm-ups and baseline runs counted alike. */
        double secondsPerRun() {
            return took.toNanos() / 1e9 / runs(spec);
        }
    }

    private static int runs(ResolvedSpec spec) {
        return (spec.warmups() + spec.repetitions()) * (spec.baseline() ? 2 : 1);
    }
}
