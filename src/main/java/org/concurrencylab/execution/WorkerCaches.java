package org.concurrencylab.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.WorkloadDefinition;

/**
 * The caches workers start from ({@link AotCache}): the base one, made right after start-up, and
 * one per workload kind, made the first time a worker of that kind is wanted. A worker starts
 * from its kind's cache once that is ready, from the base cache until then, and without one while
 * neither is. Built one at a time, in the background ({@code lab-worker-aot}) at the lowest CPU
 * priority, so the server never waits for one and experiments lose little to it; each is kept on
 * disk and reused by the next server of the same build and JDK.
 */
final class WorkerCaches {

    private final AotSupport support;
    private final WorkerCommand command;
    private final AotCache base;
    private final Map<String, AotCache> byKind = new LinkedHashMap<>();
    private final LinkedBlockingQueue<AotCache> wanted = new LinkedBlockingQueue<>();
    // The cache being built or checked now, and how many are wanted or under way; guarded by this.
    private AotCache current;
    private int pending;
    private Thread builder;
    private boolean stopped;

    WorkerCaches(AotSupport support, WorkerCommand command) {
        this.support = support;
        this.command = command;
        this.base = new AotCache(support, command, null);
    }

    /** Starts making the base cache. Does nothing on a JDK without caches, or once stopped. */
    synchronized void start() {
        if (support == AotSupport.NONE || stopped || builder != null) {
            return;
        }
        want(base);
        builder = Thread.ofPlatform().name("lab-worker-aot").daemon().start(this::buildInTurn);
    }

    /**
     * The cache flags of a worker of {@code kind} started now: its kind's cache, else the base one,
     * else none. Asks for the kind's cache the first time a kind is wanted.
     */
    List<String> flagsFor(WorkloadDefinition kind) {
        AotCache own = kindCache(kind);
        if (own != null && own.ready().isPresent()) {
            return own.workerFlags();
        }
        return base.workerFlags();
    }

    /** The base cache: the one a worker of no particular kind starts from. */
    AotCache base() {
        return base;
    }

    /** The kind's own cache, asked for now if it was not yet; null for a kind that has none. */
    synchronized AotCache kindCache(WorkloadDefinition kind) {
        if (builder == null || kind == null || !kind.fits(ExecutionModel.PROCESSES) || !kind.inWorkerCache()) {
            return null;
        }
        return byKind.computeIfAbsent(kind.id(), id -> want(new AotCache(support, command, kind)));
    }

    /** Whether a cache is being built or checked right now, or waits its turn. */
    synchronized boolean building() {
        return !stopped && pending > 0;
    }

    private AotCache want(AotCache cache) {
        pending++;
        wanted.add(cache);
        return cache;
    }

    /** The kinds whose caches are ready. */
    synchronized List<String> readyKinds() {
        List<String> kinds = new ArrayList<>();
        byKind.forEach((id, cache) -> cache.ready().ifPresent(path -> kinds.add(id)));
        return kinds;
    }

    /** Ends the build under way and any to come; waits a bounded time for the builder thread. */
    void stop() {
        Thread running;
        synchronized (this) {
            stopped = true;
            running = builder;
            wanted.clear();
            pending = 0;
            if (current != null) {
                current.kill();
            }
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void buildInTurn() {
        try {
            while (true) {
                AotCache next = wanted.take();
                synchronized (this) {
                    if (stopped) {
                        return;
                    }
                    current = next;
                }
                try {
                    next.prepare();
                } finally {
                    synchronized (this) {
                        current = null;
                        pending--;
                    }
                }
            }
        } catch (InterruptedException e) {
            // stop(): the node is shutting down.
        }
    }
}
