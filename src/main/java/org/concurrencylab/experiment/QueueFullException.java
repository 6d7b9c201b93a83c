package org.concurrencylab.experiment;

import java.time.Duration;

/** The queue, or the user's share of it, holds as many experiments as it may; the client should come back later. */
public class QueueFullException extends RuntimeException {

    private final Duration retryAfter;

    private QueueFullException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public static QueueFullException withCapacity(int capacity, Duration retryAfter) {
        return new QueueFullException("the queue already holds " + capacity
                + " experiments, its capacity; submit again after " + retryAfter.toSeconds() + " s", retryAfter);
    }

    /** The user already has as many experiments queued or running as {@code lab.limits.per-user.queued} allows. */
    public static QueueFullException userQuota(int quota, Duration retryAfter) {
        return new QueueFullException("you already have " + quota + " experiments queued or running, your quota "
                + "(lab.limits.per-user.queued = " + quota + "; a study counts each of its cells); submit again "
                + "once some have finished, or after " + retryAfter.toSeconds() + " s", retryAfter);
    }

    /** A study's cells would take the user past the quota: how many it needs, and how many the quota has left. */
    public static QueueFullException userQuotaForStudy(int cellsNeeded, long free, int quota, Duration retryAfter) {
        return new QueueFullException("the study needs " + cellsNeeded + " cells but your quota has room for " + free
                + " (lab.limits.per-user.queued = " + quota + " experiments queued or running, a study's cells "
                + "counted one by one); submit fewer models, parallelism or swept values, or submit again once some "
                + "have finished, or after " + retryAfter.toSeconds() + " s", retryAfter);
    }

    /** A study is queued whole or not at all: the detail says how far it is from fitting. */
    public static QueueFullException forStudy(int cellsNeeded, long room, int capacity, Duration retryAfter) {
        return new QueueFullException("the study needs " + cellsNeeded + " cells but the queue has room for " + room
                + " (capacity " + capacity + "); submit fewer models, parallelism or swept values, or submit again"
                + " after " + retryAfter.toSeconds() + " s", retryAfter);
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
