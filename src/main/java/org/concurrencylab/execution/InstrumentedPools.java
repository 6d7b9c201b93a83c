package org.concurrencylab.execution;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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

    /**
     * A fixed pool of {@code threads} threads, all started now: creating threads is the pool's
     * set-up, as a hand-written harness that reuses its pool never pays it inside a measurement,
     * so the run's clock (started after this) must not count it either.
     */
    ExecutorService startedFixedPool(int threads, ThreadFactory factory, String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.prestartAllCoreThreads();
        monitor(pool, name);
        return pool;
    }

    /**
     * The pool's gauges and counters (threads, active, queued, completed), read from the pool
     * itself. Not {@link ExecutorServiceMetrics#monitor}'s wrapper: it times every task with two
     * more timers, which the run's own task histogram already does, and cost more per task than
     * dispatching it (benchmark 1 of issue 6).
     */
    void monitor(ExecutorService pool, String name) {
        new ExecutorServiceMetrics(pool, name, List.<Tag>of()).bindTo(registry);
    }

    void forget(String name) {
        registry.getMeters().stream()
                .filter(m -> name.equals(m.getId().getTag("name")))
                .forEach(registry::remove);
    }
}
