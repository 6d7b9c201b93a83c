package org.concurrencylab.support;

import org.concurrencylab.ConcurrencyLabApplication;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A whole lab on a random port with its own in-memory database. Test classes that extend this
 * without adding properties share one running server.
 */
@SpringBootTest(classes = ConcurrencyLabApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:lab-${random.uuid};DB_CLOSE_DELAY=-1",
            "lab.execution.worker-kill-grace=1s",
            LabApi.BOOTSTRAP_PROPERTY,
            // The AOT cache build trains worker JVMs in the background: AotCacheTest covers it, and
            // every other server context would only spend the two cores on it again.
            "lab.limits.workers.aot-cache=false",
            // Most tests submit as the one admin, many times a minute across the shared server: the
            // per-user quota and rate have their own tests (web.QuotasTest) with their own settings.
            "lab.limits.per-user.queued=1000",
            "lab.limits.per-user.submits-per-minute=100000"
        })
public abstract class LabServerTest {

    @LocalServerPort
    protected int port;

    protected LabApi api;

    @BeforeEach
    void connect() {
        api = new LabApi(port);
    }

    /** One node runs one experiment at a time: whatever a test left behind must not hold up the next. */
    @AfterEach
    void cancelLeftovers() {
        for (String status : new String[] {"QUEUED", "RUNNING"}) {
            api.get("/api/v1/experiments?size=100&status=" + status).json().get("items")
                    .forEach(item -> api.post("/api/v1/experiments/" + item.get("id").asString() + "/cancel", ""));
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/v1/experiments?status=RUNNING").json().get("totalItems").asLong() == 0);
    }
}
