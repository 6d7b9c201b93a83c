package org.concurrencylab.experiment;

import java.time.Duration;

/**
 * What an idle {@link QueuePoller} waits on between two looks at the queue, so that new work is
 * started at once rather than at the next poll. Signals do not queue up: any number of them
 * before a wait end that one wait at once, and the next one waits again.
 *
 * <p>This node signals it (a submission through it, a run of its own ending), and on PostgreSQL
 * so do other nodes' submissions, through LISTEN/NOTIFY ({@link QueueNotifications}).
 */
interface WakeUp {

    /** Ends the current wait at once, or the next one if nobody waits now. */
    void signal();

    /** Returns once signalled since the last return, or after {@code timeout}. */
    void await(Duration timeout) throws InterruptedException;
}
