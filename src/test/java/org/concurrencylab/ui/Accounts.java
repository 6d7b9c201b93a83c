package org.concurrencylab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.concurrencylab.support.LabApi;
import tools.jackson.databind.JsonNode;

/** Users made through the API for page tests, with names no other test has taken. */
final class Accounts {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private Accounts() {}

    /** A new user of {@code role} made by {@code as}: {"id", "name", "token", ...}. */
    static JsonNode make(LabApi as, String stem, String role) {
        String name = stem + "-" + NEXT.incrementAndGet() + "-" + System.nanoTime() % 100_000;
        LabApi.Response made = as.post("/api/v1/users", "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return made.json();
    }
}
