package org.concurrencylab.database;

import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The database's part of {@code /actuator/health} ("db"), answered within
 * {@code lab.database.timeout} whatever the database does: in place of Spring Boot's indicator,
 * whose probe waits as long as the connection lets it (a paused server: the pool's timeout, then a
 * validation with none).
 *
 * <p>The probe runs on a thread of its own and is shared: while one is still waiting on a silent
 * database, later health requests wait for that one rather than start more, so an outage never
 * piles up blocked threads or connections. A probe that outlives the bound answers DOWN.
 */
@Component("dbHealthIndicator")
class DatabaseHealth implements HealthIndicator {

    private final DataSource dataSource;
    private final Duration timeout;
    private final ExecutorService prober = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("lab-db-health").daemon().factory());
    private CompletableFuture<Health> probing;

    DatabaseHealth(DataSource dataSource, DatabaseProperties properties) {
        this.dataSource = dataSource;
        this.timeout = properties.timeout();
    }

    @Override
    public Health health() {
        CompletableFuture<Health> probe;
        synchronized (this) {
            if (probing == null || probing.isDone()) {
                probing = CompletableFuture.supplyAsync(this::probe, prober);
            }
            probe = probing;
        }
        try {
            return probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return down("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return down("the probe failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted while waiting for the database");
        }
    }

    private Health probe() {
        try (Connection connection = dataSource.getConnection()) {
            int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
            return connection.isValid(seconds)
                    ? Health.up().withDetail("database", connection.getMetaData().getDatabaseProductName()).build()
                    : down("the connection did not answer a validation within " + seconds + " s");
        } catch (SQLException | RuntimeException e) {
            return down(e.getMessage());
        }
    }

    private static Health down(String why) {
        return Health.down().withDetail("error", why == null ? "unavailable" : why).build();
    }

    @PreDestroy
    void stop() {
        prober.shutdownNow();
    }
}
