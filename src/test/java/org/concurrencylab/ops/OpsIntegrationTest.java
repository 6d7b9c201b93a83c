package org.concurrencylab.ops;

import org.concurrencylab.ConcurrencyLabApplication;
import org.concurrencylab.support.LabApi;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application on a random port, as an operator or a browser sees it. Every ops test
 * extends this one class so Spring's context cache starts the application once for all of them
 * (start-up takes many seconds on a 2-core machine). Its own in-memory database keeps it apart from
 * ./data and from other tests' contexts.
 */
@SpringBootTest(classes = ConcurrencyLabApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:ops-it;DB_CLOSE_DELAY=-1",
        LabApi.BOOTSTRAP_PROPERTY})
abstract class OpsIntegrationTest {

    @LocalServerPort
    int port;

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
