package org.concurrencylab.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How worker JVMs are stopped: politely first, then by force, never leaving a process tree behind. */
final class WorkerStop {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerLauncher.class);
    private static final Duration REAP_WAIT = Duration.ofSeconds(5);

    private WorkerStop() {}

    /**
     * Stops workers and everything they started: close stdin (a worker halts on EOF), SIGTERM the
     * process trees, wait {@code killGrace}, then SIGKILL what is left. Waits for the processes to be
     * gone and their stderr drained, and hands each one gone to {@code forget}. An interrupt while
     * waiting cuts the grace short (straight to SIGKILL) and is kept on the thread, never swallowed.
     */
    static void stop(Collection<WorkerProcess> workers, Duration killGrace, Consumer<WorkerProcess> forget) {
        if (workers.isEmpty()) {
            return;
        }
        boolean interrupted = false;
        // Descendants are listed before anything dies: once a parent is gone its children are re-parented.
        List<ProcessHandle> trees = new ArrayList<>();
        for (WorkerProcess worker : workers) {
            worker.closeInput();
            worker.process().descendants().forEach(trees::add);
            trees.add(worker.process().toHandle());
        }
        trees.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + killGrace.toNanos();
        for (ProcessHandle handle : trees) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!interrupted && handle.isAlive()) {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (TimeoutException | ExecutionException e) {
                // Still alive at the deadline: SIGKILL below.
            }
        }
        for (ProcessHandle handle : trees) {
            if (handle.isAlive()) {
                LOG.warn("worker process {} outlived SIGTERM by {} ms; killing it", handle.pid(), killGrace.toMillis());
                handle.destroyForcibly();
            }
        }
        for (WorkerProcess worker : workers) {
            try {
                if (!worker.process().waitFor(REAP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("worker process {} still alive after SIGKILL", worker.pid());
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (!worker.process().isAlive()) {
                forget.accept(worker);
            }
            worker.stderr().join(Duration.ofSeconds(1));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
