package org.concurrencylab.execution;

/**
 * One place in a {@link WorkerPool} and the worker in it, if any. Written by the run's thread
 * between runs and by the slot's pipe thread during a run; thread start and join order the two.
 */
final class WorkerSlot {

    private WorkerSession session;
    private int tasksRun;

    /** Puts a freshly started worker in the slot, or none. */
    void take(WorkerProcess fresh) {
        session = fresh == null ? null : new WorkerSession(fresh);
        tasksRun = 0;
    }

    void clear() {
        take(null);
    }

    /** The slot's worker, or null when it has none. */
    WorkerProcess worker() {
        return session == null ? null : session.worker();
    }

    WorkerSession session() {
        return session;
    }

    /** Tasks the slot's worker has run, in every run since it started: what recycling counts. */
    int tasksRun() {
        return tasksRun;
    }

    void ran(Chunk chunk) {
        tasksRun += chunk.count();
    }
}
