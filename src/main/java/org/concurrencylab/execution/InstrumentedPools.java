package org.concurrencylab.execution;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Micrometer's executor metrics for a run's pool, under {@code name} (e.g. {@code lab.threads}).
 * Each repetition has a fresh pool, so its meters are dropped when it ends and the next pool
 * registers its own rather than reading a dead one.
 */
final class InstrumentedPools {

    private final MeterRegistry registry;

    InstrumentedPools(MeterRegistry registry) {
        this.registry = registry;
    }

    ExecutorService monitor(ExecutorService pool, String name) {
        return ExecutorServiceMetrics.monitor(registry, pool, name, List.<Tag>of());
    }

    void forget(String name) {
        registry.getMeters().stream()
                .filter(m -> name.equals(m.getId().getTag("name")))
                .forEach(registry::remove);
    }
}
