package org.concurrencylab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ModelOptions;
import org.concurrencylab.experiment.LeaseRepository.Lapsed;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fence on the embedded database: a claim and an expiry each move the lease epoch on and log a
 * claim row; every write under an older epoch changes nothing, so a node frozen past its lease
 * cannot undo what another node decided.
 */
@JdbcTest
@Import({ExperimentRepository.class, LeaseRepository.class})
class LeaseRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Clock AT_T0 = Clock.fixed(T0, ZoneOffset.UTC);

    @Autowired
    private ExperimentRepository experiments;

    @Autowired
    private LeaseRepository leases;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aClaimTakesTheFirstEpochAndLogsOneRunRow() {
        experiments.insert(queued("e1"));

        Claim claim = leases.claimNext("node-a", AT_T0).orElseThrow();

        assertThat(claim.lease()).isEqualTo(new Lease("e1", "node-a", 1));
        assertThat(claims("e1")).containsExactly("1 node-a RUN");
        assertThat(leases.renew(claim.lease(), T0.plusSeconds(1))).isTrue();
        assertThat(leases.renew(new Lease("e1", "node-b", 1), T0.plusSeconds(1))).as("another node's name").isFalse();
    }

    @Test
    void aFrozenHoldersWritesChangeNothingOnceAnotherNodeRecordedItsLeaseLapsed() {
        experiments.insert(queued("e1"));
        Lease frozen = leases.claimNext("node-a", AT_T0).orElseThrow().lease();
        Instant later = T0.plusSeconds(40);

        Lapsed lapsed = single(leases.findLapsed(null, later.minusSeconds(30), Set.of()));
        assertThat(leases.expire(lapsed, "node-b", "lease expired: node 'node-a' did not renew it", later)).isTrue();

        // node-a wakes up: its heartbeat and its outcome both change 0 rows.
        assertThat(leases.renew(frozen, later.plusSeconds(1))).isFalse();
        assertThat(experiments.finish(frozen, ExperimentStatus.SUCCEEDED, null, null, later.plusSeconds(1))).isFalse();
        Experiment stored = experiments.findById("e1").orElseThrow();
        assertThat(stored.status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(stored.statusReason()).isEqualTo("lease expired: node 'node-a' did not renew it");
        assertThat(stored.finishedAt()).isEqualTo(later);
        assertThat(leases.holder("e1")).contains(new LeaseRepository.Holder(ExperimentStatus.FAILED, "node-b", 2));
        assertThat(claims("e1")).containsExactly("1 node-a RUN", "2 node-b EXPIRE");
        // Recorded once: a second node that found the same lapsed lease changes nothing either.
        assertThat(leases.expire(lapsed, "node-c", "again", later)).isFalse();
    }

    @Test
    void aLeaseRenewedAfterItWasFoundLapsedIsNotRecorded() {
        experiments.insert(queued("e1"));
        Lease lease = leases.claimNext("node-a", AT_T0).orElseThrow().lease();
        Lapsed lapsed = single(leases.findLapsed(null, T0.plusSeconds(1), Set.of()));

        // The holder was only slow: its heartbeat lands between the other node's read and its write.
        assertThat(leases.renew(lease, T0.plusSeconds(2))).isTrue();

        assertThat(leases.expire(lapsed, "node-b", "lease expired", T0.plusSeconds(3))).isFalse();
        assertThat(experiments.finish(lease, ExperimentStatus.SUCCEEDED, null, null, T0.plusSeconds(4))).isTrue();
        assertThat(experiments.findById("e1").orElseThrow().status()).isEqualTo(ExperimentStatus.SUCCEEDED);
        assertThat(claims("e1")).containsExactly("1 node-a RUN");
    }

    @Test
    void onlyLapsedLeasesAndARestartedNodesOwnRowsAreFound() {
        experiments.insert(queued("fresh"));
        experiments.insert(queued("stale"));
        experiments.insert(queued("mine"));
        leases.claimNext("node-a", Clock.fixed(T0.plusSeconds(50), ZoneOffset.UTC));
        leases.claimNext("node-b", AT_T0);
        leases.claimNext("node-c", Clock.fixed(T0.plusSeconds(50), ZoneOffset.UTC));
        Instant staleBefore = T0.plusSeconds(30);

        assertThat(leases.findLapsed(null, staleBefore, Set.of())).extracting(Lapsed::id).containsExactly("stale");
        assertThat(leases.findLapsed("node-c", staleBefore, Set.of())).extracting(Lapsed::id)
                .containsExactlyInAnyOrder("stale", "mine");
        assertThat(leases.findLapsed(null, staleBefore, Set.of("stale"))).as("running here").isEmpty();
    }

    private static Lapsed single(List<Lapsed> lapsed) {
        assertThat(lapsed).hasSize(1);
        return lapsed.getFirst();
    }

    private List<String> claims(String id) {
        return jdbc.sql("select lease_epoch, node_id, claim_kind from experiment_claim where experiment_id = :id order by lease_epoch")
                .param("id", id)
                .query((rs, row) -> rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3))
                .list();
    }

    private static Experiment queued(String id) {
        ResolvedSpec spec = new ResolvedSpec(id, ExecutionModel.THREADS, 2, 8,
                new ResolvedSpec.ResolvedWorkload("io.sleep", Map.of("millis", 10L)), 0, 1, false, 60,
                new ModelOptions(Map.of()));
        return new Experiment(id, spec, ExperimentStatus.QUEUED, null, T0.minusSeconds(10), null, null, null, null, null,
                false);
    }
}
