package org.concurrencylab.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.concurrencylab.ConcurrencyLabApplication;
import org.concurrencylab.support.LabApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import tools.jackson.databind.JsonNode;

/**
 * The lab wired to a PostgreSQL container the way a Spring Boot user does it: a
 * {@code @ServiceConnection} container, no datasource properties at all. Skipped (with
 * Testcontainers' reason) where no Docker engine answers; the other PostgreSQL tests then run on
 * the embedded server.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = ConcurrencyLabApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"lab.execution.worker-kill-grace=1s", "lab.limits.workers.aot-cache=false",
            LabApi.BOOTSTRAP_PROPERTY})
@DirtiesContext
class PostgresServiceConnectionContainersTest {

    // Started before the context and removed after the class by the Testcontainers extension.
    @Container
    @ServiceConnection
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer(LocalImages.postgres());

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anExperimentIsStoredAndRunOnTheContainersDatabase() {
        assertThat(jdbc.sql("select current_database() || ' ' || version()").query(String.class).single())
                .startsWith(POSTGRES.getDatabaseName() + " PostgreSQL");

        LabApi api = new LabApi(port);
        String id = api.submit("""
                {"model": "THREADS", "parallelism": 2, "tasks": 4, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 20}}}""");
        JsonNode done = api.awaitFinished(id, Duration.ofSeconds(60));

        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.at("/result/summary/checksum").asLong()).isEqualTo(1 + 2 + 3 + 4);
        // The lab migrated the container's database itself (Flyway's own table, not the lab's schema).
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where success").query(Long.class).single())
                .isPositive();
    }
}
