package org.concurrencylab.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concurrencylab.ConcurrencyLabApplication;
import org.concurrencylab.support.LabApi;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One lab node in this JVM: a whole application context on a random port, with its own node id,
 * on a database it may share with other nodes. A short poll and heartbeat interval, and the lease
 * timeout a test chooses, keep the multi-node tests quick.
 */
final class LabNode implements AutoCloseable {

    static final Duration HEARTBEAT = Duration.ofMillis(250);

    final String nodeId;
    final LabApi api;
    private final ConfigurableApplicationContext context;

    private LabNode(String nodeId, ConfigurableApplicationContext context) {
        this.nodeId = nodeId;
        this.context = context;
        this.api = new LabApi(port());
    }

    int port() {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    static LabNode start(String nodeId, TestPostgres.Database database, Duration leaseTimeout) {
        return start(nodeId, database, leaseTimeout, Map.of());
    }

    /** The same, with {@code properties} (name to value) on top, replacing the defaults above. */
    static LabNode start(String nodeId, TestPostgres.Database database, Duration leaseTimeout,
            Map<String, String> properties) {
        // One value per name: a property given twice on the command line would bind as a list.
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", "0");
        all.put("lab.execution.node-id", nodeId);
        all.put("lab.execution.poll-interval", "100ms");
        all.put("lab.execution.heartbeat-interval", HEARTBEAT.toMillis() + "ms");
        all.put("lab.execution.lease-timeout", leaseTimeout.toMillis() + "ms");
        all.put("lab.execution.worker-kill-grace", "1s");
        all.put("lab.limits.workers.aot-cache", "false");
        all.put("spring.datasource.hikari.maximum-pool-size", "5");
        all.put("spring.main.banner-mode", "off");
        all.putAll(database.springProperties());
        all.putAll(properties);
        List<String> args = new ArrayList<>(List.of("--" + LabApi.BOOTSTRAP_PROPERTY));
        all.forEach((name, value) -> args.add("--" + name + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ConcurrencyLabApplication.class)
                .run(args.toArray(String[]::new));
        return new LabNode(nodeId, context);
    }

    /** How many times this node's meters named {@code name} counted, over all their tags. */
    long count(String name) {
        Search search = context.getBean(MeterRegistry.class).find(name);
        return search.timers().stream().mapToLong(t -> t.count()).sum()
                + search.counters().stream().mapToLong(c -> (long) c.count()).sum();
    }

    /** The value of this node's gauge named {@code name} (NaN if there is none). */
    double gauge(String name) {
        io.micrometer.core.instrument.Gauge gauge = context.getBean(MeterRegistry.class).find(name).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    /**
     * Freezes this node as far as the database can tell, as a SIGSTOP, a long GC pause or a VM
     * pause would: from now on every use of its connection pool waits (heartbeats, status changes,
     * the final write, requests), until the result is closed and all of them go on at once, late.
     * Its experiments keep running meanwhile. The node must have been started with
     * {@code spring.datasource.hikari.allow-pool-suspension=true}.
     */
    AutoCloseable freezeDatabaseAccess() {
        com.zaxxer.hikari.HikariPoolMXBean pool = context.getBean(HikariDataSource.class).getHikariPoolMXBean();
        pool.suspendPool();
        return pool::resumePool;
    }

    /**
     * Dies as a crashed node does, as far as the database can tell: from one moment on it writes
     * nothing more, neither a heartbeat nor the outcome of what it was running. Its connections
     * are cut first, so the shutdown that follows cannot record anything either.
     */
    void crash() {
        context.getBean(HikariDataSource.class).close();
        context.close();
    }

    @Override
    public void close() {
        context.close();
    }
}
