package org.concurrencylab.experiment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.concurrencylab.execution.ExecutionProperties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Work queued through one node, started on another at once: on PostgreSQL every submit sends a
 * {@code NOTIFY} and every node {@code LISTEN}s on one connection of its own, waking its
 * {@link QueuePoller} when one arrives, rather than at its next poll. The poll stays as it was:
 * a notification that is lost (sent while a node's connection was down; PostgreSQL keeps none for
 * later) or a listening connection that died costs a node at most a poll interval, never the
 * work. A dropped connection is noticed (a liveness check every few seconds when nothing arrives),
 * replaced after a short pause, and followed by a look at the queue, for what was sent meanwhile.
 *
 * <p>Off on H2 (one node, whose own submits wake it already) and with
 * {@code lab.execution.queue-notifications=false}, for connection poolers that cannot LISTEN
 * (PgBouncer in transaction mode).
 */
@Component
class QueueNotifications implements SmartLifecycle {

    static final String CHANNEL = "lab_experiment_queued";
    static final String APPLICATION_NAME = "lab-queue-listener";
    private static final Logger LOG = LoggerFactory.getLogger(QueueNotifications.class);
    private static final int CHECK_TIMEOUT_SECONDS = 2;
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final WakeUp wakeUp;
    private final boolean enabled;
    private final String applicationName;
    /*
     * How long a wait for notifications lasts before the connection is checked: half the database
     * timeout, because on PostgreSQL that is also the driver's socket timeout, and a longer wait
     * would end in a timed-out read and a reconnect every time.
     */
    private final Duration checkEvery;
    private volatile boolean running;
    private Thread listener;
    // The listening connection, so stop() can close it under a blocked wait; guarded by this.
    private Connection connection;

    QueueNotifications(DataSource dataSource, JdbcClient jdbc, LocalWakeUp wakeUp, ExecutionProperties properties,
            @Value("${lab.execution.queue-notifications:true}") boolean wanted,
            @Value("${lab.database.timeout:2s}") Duration databaseTimeout) {
        this.dataSource = dataSource;
        this.checkEvery = databaseTimeout.dividedBy(2);
        // Named by node in pg_stat_activity, so an operator (or a test) can tell whose it is.
        this.applicationName = APPLICATION_NAME + " " + NodeId.of(properties).value();
        this.jdbc = jdbc;
        this.wakeUp = wakeUp;
        this.enabled = wanted && Databases.isPostgreSql(dataSource);
    }

    /** Tells the other nodes; the submitting node wakes its own poller through the same event. */
    @EventListener
    void onSubmitted(ExperimentEvent.Submitted submitted) {
        if (!enabled) {
            return;
        }
        try {
            jdbc.sql("select pg_notify(:channel, :id)").param("channel", CHANNEL).param("id", submitted.id())
                    .query(Object.class).optional();
        } catch (RuntimeException e) {
            // The experiment is stored: the other nodes' poll finds it.
            LOG.debug("could not notify the other nodes of {}: {}", submitted.id(), e.toString());
        }
    }

    /** Whether this node listens (PostgreSQL, not turned off). */
    boolean enabled() {
        return enabled;
    }

    @Override
    public synchronized void start() {
        running = true;
        if (enabled) {
            listener = Thread.ofPlatform().name("lab-queue-listener").daemon().start(this::listen);
        }
    }

    @Override
    public void stop() {
        Thread thread;
        synchronized (this) {
            running = false;
            thread = listener;
            closeQuietly();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try {
                PGConnection listening = connect();
                // Whatever was queued while this node was not listening is found now, not at the next poll.
                wakeUp.signal();
                while (running) {
                    PGNotification[] arrived = listening.getNotifications((int) Math.max(1, checkEvery.toMillis()));
                    if (arrived != null && arrived.length > 0) {
                        wakeUp.signal();
                    } else if (!isValid()) {
                        throw new SQLException("the listening connection no longer answers");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("listening for queued experiments failed, polling meanwhile: {}", e.toString());
                }
            }
            synchronized (this) {
                closeQuietly();
            }
            try {
                Thread.sleep(RECONNECT_PAUSE);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private PGConnection connect() throws SQLException {
        Connection opened = dataSource.getConnection();
        synchronized (this) {
            if (!running) {
                opened.close();
                throw new SQLException("stopping");
            }
            connection = opened;
        }
        opened.setAutoCommit(true);
        try (PreparedStatement name = opened.prepareStatement("select set_config('application_name', ?, false)");
                Statement listen = opened.createStatement()) {
            name.setString(1, applicationName);
            name.execute();
            listen.execute("listen " + CHANNEL);
        }
        return opened.unwrap(PGConnection.class);
    }

    private boolean isValid() throws SQLException {
        Connection current;
        synchronized (this) {
            current = connection;
        }
        return current != null && current.isValid(CHECK_TIMEOUT_SECONDS);
    }

    /** Closed, the connection goes back to the pool, which throws a broken one away. */
    private void closeQuietly() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the listening connection: {}", e.toString());
        }
        connection = null;
    }
}
