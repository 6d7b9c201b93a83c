package org.concurrencylab.experiment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.concurrencylab.core.ExecutionModel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The queue and the leases in the database: claiming the next experiment, renewing a lease,
 * finding and recording lapsed ones. Every change is conditional: a claim on the row still being
 * QUEUED, a renewal on the lease's node and epoch, an expiry on the epoch and heartbeat it saw. A
 * claim and an expiry each move the epoch on and append a row to {@code experiment_claim} in the
 * same transaction.
 */
@Repository
class LeaseRepository {

    /** Races lost in one claim before it gives up until the next poll. */
    private static final int CLAIM_ATTEMPTS = 5;

    /** A RUNNING experiment whose lease lapsed, as it stood when found. */
    record Lapsed(String id, String nodeId, long epoch, Instant heartbeatAt, Instant startedAt, ExecutionModel model,
            String workloadKind) {}

    /**
     * Who holds an experiment now, for saying why a write under an older lease changed nothing:
     * {@code nodeId} is the node of the claim at the current epoch (null for rows claimed before
     * claims were logged).
     */
    record Holder(ExperimentStatus status, String nodeId, long epoch) {}

    private final JdbcClient jdbc;
    private final ExperimentRepository experiments;
    private final TransactionTemplate transaction;

    LeaseRepository(JdbcClient jdbc, ExperimentRepository experiments, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.experiments = experiments;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Claims the next queued experiment for this node, taking turns across users: the oldest
     * queued row of the user whose last experiment started longest ago (a user none of whose
     * experiments has started yet comes first; ties go to the oldest row). So a user who queued
     * ten runs has one started, then each other waiting user has one, before its second. Rows
     * without an owner (from before users) take turns as one user.
     *
     * <p>The select may race with other nodes; the conditional update decides who wins. A loser
     * selects again rather than taking the next row of its first answer: the winner's start has
     * moved its user to the back, so the turn now belongs to someone else.
     *
     * <p>The start time is read from {@code clock} right before each update, after the select
     * found the row: a time read earlier could precede the submission of an experiment inserted
     * in between, and give it a start before its creation (a negative queue wait).
     */
    Optional<Claim> claimNext(String nodeId, Clock clock) {
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Optional<String> next = jdbc.sql("""
                    select q.id from experiment q
                    where q.status = 'QUEUED'
                    order by (select max(s.started_at) from experiment s
                              where s.owner_id is not distinct from q.owner_id and s.started_at is not null)
                                 nulls first,
                             q.seq
                    limit 1""")
                    .query(String.class)
                    .optional();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            Optional<Long> epoch = transaction.execute(status -> claim(next.get(), nodeId, clock.instant()));
            if (epoch.isPresent()) {
                return experiments.findById(next.get())
                        .map(experiment -> new Claim(experiment, new Lease(experiment.id(), nodeId, epoch.get())));
            }
        }
        // Lost every race: other nodes are busy claiming; the next poll tries again.
        return Optional.empty();
    }

    /** The claim's update and its log row, in the caller's transaction; the new epoch, or empty if another node won. */
    private Optional<Long> claim(String id, String nodeId, Instant now) {
        int claimed = jdbc.sql("""
                update experiment set status = 'RUNNING', node_id = :node, started_at = :now, heartbeat_at = :now,
                    lease_epoch = lease_epoch + 1
                where id = :id and status = 'QUEUED'""")
                .param("node", nodeId)
                .param("now", utc(now))
                .param("id", id)
                .update();
        return claimed == 1 ? Optional.of(log(id, nodeId, "RUN", now)) : Optional.empty();
    }

    /** Appends the claim row of the epoch the experiment is now at; returns that epoch. */
    private long log(String id, String nodeId, String kind, Instant now) {
        long epoch = jdbc.sql("select lease_epoch from experiment where id = :id").param("id", id).query(Long.class).single();
        jdbc.sql("""
                insert into experiment_claim (experiment_id, lease_epoch, node_id, claim_kind, claimed_at)
                values (:id, :epoch, :node, :kind, :now)""")
                .param("id", id)
                .param("epoch", epoch)
                .param("node", nodeId)
                .param("kind", kind)
                .param("now", utc(now))
                .update();
        return epoch;
    }

    /** Renews a lease; false when it is no longer held (another node recorded it lapsed, or the run was recorded). */
    boolean renew(Lease lease, Instant now) {
        return jdbc.sql("""
                update experiment set heartbeat_at = :now
                where id = :id and node_id = :node and lease_epoch = :epoch and status = 'RUNNING'""")
                .param("now", utc(now))
                .param("id", lease.experimentId())
                .param("node", lease.nodeId())
                .param("epoch", lease.epoch())
                .update() == 1;
    }

    /** The status and epoch now, and the node whose claim holds that epoch: the runner, or who recorded the lapse. */
    Optional<Holder> holder(String id) {
        return jdbc.sql("""
                select e.status, e.lease_epoch, c.node_id from experiment e
                left join experiment_claim c on c.experiment_id = e.id and c.lease_epoch = e.lease_epoch
                where e.id = :id""")
                .param("id", id)
                .query((rs, row) -> new Holder(ExperimentStatus.valueOf(rs.getString("status")), rs.getString("node_id"),
                        rs.getLong("lease_epoch")))
                .optional();
    }

    /**
     * RUNNING rows whose lease lapsed (not renewed since {@code staleBefore}) and, when
     * {@code restartedNode} is given (a node starting up: whatever it ran before died with it), that
     * node's own; none that runs here.
     */
    List<Lapsed> findLapsed(String restartedNode, Instant staleBefore, Collection<String> runningHere) {
        return jdbc.sql("""
                select id, node_id, lease_epoch, heartbeat_at, started_at, model, workload_kind from experiment
                where status = 'RUNNING' and (heartbeat_at < :stale or node_id = :restarted)""")
                .param("stale", utc(staleBefore))
                .param("restarted", restartedNode == null ? "" : restartedNode)
                .query(LeaseRepository::lapsed)
                .list().stream()
                .filter(lapsed -> !runningHere.contains(lapsed.id()))
                .toList();
    }

    /**
     * Records that a lease lapsed: the experiment FAILED with {@code reason}, its epoch moved on, and
     * an EXPIRE row by {@code recorder}. Only if nothing changed since it was found: same epoch, and
     * not renewed since. False if the holder renewed meanwhile, or another node recorded it first.
     */
    boolean expire(Lapsed lapsed, String recorder, String reason, Instant now) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            int expired = jdbc.sql("""
                    update experiment set status = 'FAILED', status_reason = :reason, finished_at = :now,
                        lease_epoch = lease_epoch + 1
                    where id = :id and status = 'RUNNING' and lease_epoch = :epoch and heartbeat_at = :heartbeat""")
                    .param("reason", ExperimentRepository.truncate(reason))
                    .param("now", utc(now))
                    .param("id", lapsed.id())
                    .param("epoch", lapsed.epoch())
                    .param("heartbeat", utc(lapsed.heartbeatAt()))
                    .update();
            if (expired == 1) {
                log(lapsed.id(), recorder, "EXPIRE", now);
            }
            return expired == 1;
        }));
    }

    private static Lapsed lapsed(ResultSet rs, int row) throws SQLException {
        return new Lapsed(rs.getString("id"), rs.getString("node_id"), rs.getLong("lease_epoch"),
                rs.getObject("heartbeat_at", OffsetDateTime.class).toInstant(),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                ExecutionModel.valueOf(rs.getString("model")), rs.getString("workload_kind"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
