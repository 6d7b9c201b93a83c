package org.concurrencylab.experiment;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What this node has seen of the database through its heartbeats: whether it answers now, since
 * when, and how long the last outage lasted. Leases are judged by it: a node that has itself just
 * been cut off cannot tell a dead node's lease from one that only could not be renewed during the
 * same outage, so it records no lease as lapsed until the database has answered it for a whole
 * lease timeout, which gives every live holder the time to renew.
 */
final class OutageWatch {

    private Instant failingSince;
    private Instant answeringSince;
    private Duration lastOutage;
    private Instant lastOutageEnded;

    OutageWatch(Instant now) {
        this.answeringSince = now;
    }

    /** A heartbeat failed on the database; true if it answered until now (an outage begins). */
    synchronized boolean failed(Instant now) {
        if (failingSince != null) {
            return false;
        }
        failingSince = now;
        return true;
    }

    /** A heartbeat went through; the outage this ends, if one was going on. */
    synchronized Optional<Duration> answered(Instant now) {
        if (failingSince == null) {
            return Optional.empty();
        }
        lastOutage = Duration.between(failingSince, now);
        lastOutageEnded = now;
        answeringSince = now;
        failingSince = null;
        return Optional.of(lastOutage);
    }

    /** Whether the database has answered every heartbeat for at least {@code period} up to {@code now}. */
    synchronized boolean answeringFor(Duration period, Instant now) {
        return failingSince == null && !answeringSince.plus(period).isAfter(now);
    }

    /** The last outage, if it ended after {@code since}: it may be why a lease renewed at {@code since} lapsed. */
    synchronized Optional<Duration> outageEndedAfter(Instant since) {
        return lastOutageEnded != null && lastOutageEnded.isAfter(since) ? Optional.of(lastOutage) : Optional.empty();
    }
}
