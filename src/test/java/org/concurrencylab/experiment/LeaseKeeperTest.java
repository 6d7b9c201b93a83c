package org.concurrencylab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ModelOptions;
import org.concurrencylab.execution.ExecutionProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * How node B judges node A's lease, on the embedded database with B's clock in the test's hand: a
 * lease not renewed for a lease timeout is recorded lapsed, but not while B itself could not reach
 * the database, nor until the database has answered B for a whole lease timeout since, because A
 * could not renew during the same outage. Then the reason says how long the database was away.
 */
@JdbcTest
@Import(ExperimentRepository.class)
class LeaseKeeperTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    private ExperimentRepository experiments;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private PlatformTransactionManager transactions;

    private final MovingClock clock = new MovingClock();
    private final List<ExperimentEvent.Finished> finished = new ArrayList<>();
    private SometimesDown leases;
    private LeaseKeeper nodeB;

    @BeforeEach
    void nodeAClaimsAnExperimentAtT0() {
        leases = new SometimesDown(jdbc, experiments, transactions);
        experiments.insert(queued("e1"));
        leases.claimNext("node-a", Clock.fixed(T0, ZoneOffset.UTC)).orElseThrow();
        ExecutionProperties properties = new ExecutionProperties(1, Duration.ofSeconds(1), Duration.ofSeconds(5), LEASE,
                "node-b", Duration.ofSeconds(2), null);
        nodeB = new LeaseKeeper(leases, experiments, new ActiveRuns(), event -> {
            if (event instanceof ExperimentEvent.Finished done) {
                finished.add(done);
            }
        }, properties, clock, new NodeId("node-b"));
    }

    @Test
    void aLeaseThatLapsedDuringAnOutageGetsAWholeLeaseTimeoutAfterIt() {
        clock.at(T0.plusSeconds(1));
        leases.down = true;
        nodeB.heartbeat();
        clock.at(T0.plusSeconds(41));
        nodeB.heartbeat();

        // The database is back, and A's lease is 45 s old: B still waits, as A may renew any moment.
        leases.down = false;
        clock.at(T0.plusSeconds(45));
        nodeB.heartbeat();
        clock.at(T0.plusSeconds(74));
        nodeB.heartbeat();
        assertThat(experiments.findById("e1").orElseThrow().status()).isEqualTo(ExperimentStatus.RUNNING);

        clock.at(T0.plusSeconds(76));
        nodeB.heartbeat();

        Experiment failed = experiments.findById("e1").orElseThrow();
        assertThat(failed.status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(failed.statusReason()).isEqualTo("database unavailable for 44 s; lease expired: node 'node-a' did not "
                + "renew it in the 30 s after the database came back, so this experiment did not finish; submit it "
                + "again to rerun it");
        assertThat(finished).extracting(ExperimentEvent.Finished::id).containsExactly("e1");
    }

    @Test
    void withoutAnOutageALeaseLapsesAfterTheLeaseTimeout() {
        clock.at(T0.plusSeconds(29));
        nodeB.heartbeat();
        assertThat(experiments.findById("e1").orElseThrow().status()).isEqualTo(ExperimentStatus.RUNNING);

        clock.at(T0.plusSeconds(31));
        nodeB.heartbeat();

        assertThat(experiments.findById("e1").orElseThrow().statusReason()).isEqualTo("lease expired: node 'node-a' "
                + "did not renew it for 31 s (a crash, a freeze, or a lost connection to the database), so this "
                + "experiment did not finish; submit it again to rerun it");
    }

    /** The real repository, but failing as an unreachable database does while {@code down}. */
    static final class SometimesDown extends LeaseRepository {

        volatile boolean down;

        SometimesDown(JdbcClient jdbc, ExperimentRepository experiments, PlatformTransactionManager transactions) {
            super(jdbc, experiments, transactions);
        }

        @Override
        List<Lapsed> findLapsed(String restartedNode, Instant staleBefore, Collection<String> runningHere) {
            if (down) {
                throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection");
            }
            return super.findLapsed(restartedNode, staleBefore, runningHere);
        }
    }

    private static final class MovingClock extends Clock {

        private Instant now = T0;

        void at(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static Experiment queued(String id) {
        ResolvedSpec spec = new ResolvedSpec(id, ExecutionModel.THREADS, 1, 1,
                new ResolvedSpec.ResolvedWorkload("io.sleep", Map.of("millis", 10L)), 0, 1, false, 60,
                new ModelOptions(Map.of()));
        return new Experiment(id, spec, ExperimentStatus.QUEUED, null, T0.minusSeconds(1), null, null, null, null, null,
                false);
    }
}
