package org.concurrencylab.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Makes the connection pool ride through outages. Every wait for the database is bounded by
 * {@code lab.database.timeout}, so that a database that stops answering (a paused container, a lost
 * network) costs a request seconds, then a 503, instead of Hikari's 30 s default and a socket read
 * that never ends. And a connection an outage broke is dropped from the pool: Hikari knows the SQL
 * states of broken network connections, not H2's "database closed" after a write failed (a full
 * disk), which otherwise stays in the pool after the disk has room again and fails every request.
 *
 * <p>Hikari's timeouts bound getting a connection; on PostgreSQL the driver's socket timeout bounds
 * each answer on a connection already held, which no pool setting does. H2 runs in this JVM and
 * has no socket; its driver refuses unknown settings, so they are given to PostgreSQL only.
 *
 * <p>A {@code BeanPostProcessor}, not a bean definition of its own: the data source stays the one
 * Spring Boot builds (with {@code spring.datasource.*}, service connections and metrics), and the
 * settings are read through the {@link Binder} because a post-processor is made before
 * configuration properties beans are.
 */
@Component
class DataSourceForOutages implements BeanPostProcessor, EnvironmentAware {

    private static final String HIKARI = "spring.datasource.hikari.";
    /** The PostgreSQL driver's timeouts, in seconds. */
    private static final String[] POSTGRES_TIMEOUTS = {"connectTimeout", "loginTimeout", "socketTimeout"};

    private Binder binder;

    @Override
    public void setEnvironment(Environment environment) {
        this.binder = Binder.get(environment);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool) {
            bound(pool, binder.bindOrCreate("lab.database", DatabaseProperties.class).timeout());
        }
        return bean;
    }

    private void bound(HikariDataSource pool, Duration timeout) {
        if (pool.getExceptionOverride() == null && pool.getExceptionOverrideClassName() == null) {
            pool.setExceptionOverride(new EvictBroken());
        }
        if (!binder.bind(HIKARI + "connection-timeout", Duration.class).isBound()) {
            pool.setConnectionTimeout(timeout.toMillis());
        }
        if (!binder.bind(HIKARI + "validation-timeout", Duration.class).isBound()) {
            // Hikari's floor is 250 ms; a quarter leaves room to try another pooled connection.
            pool.setValidationTimeout(Math.max(250, timeout.toMillis() / 4));
        }
        String url = pool.getJdbcUrl();
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            Properties driver = pool.getDataSourceProperties();
            String seconds = Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
            for (String name : POSTGRES_TIMEOUTS) {
                if (!url.contains(name + "=") && !driver.containsKey(name)) {
                    pool.addDataSourceProperty(name, seconds);
                }
            }
        }
    }

    /** Drops a connection an outage broke; Hikari's own rules decide for everything else. */
    private static final class EvictBroken implements SQLExceptionOverride {

        // java.lang's: inside this interface "Override" is its verdict enum.
        @java.lang.Override
        public Override adjudicate(SQLException e) {
            return DatabaseOutage.isCause(e) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
        }
    }
}
