package org.concurrencylab.stream;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Event streams on this node ({@code lab.streams.*}).
 *
 * @param maxOpen open streams (experiments and studies together) before a new one is refused with 429
 * @param maxOpenPerUser open streams of one user before its next one is refused with 429
 * @param maxBacklog events queued for one client before it counts as too slow and is dropped
 * @param retryAfter what a refused client is told to wait
 * @param refreshInterval how often a followed topic this node does not run is read again
 */
@Validated
@ConfigurationProperties("lab.streams")
record StreamsProperties(
        @DefaultValue("1000") @Positive int maxOpen,
        @DefaultValue("10") @Positive int maxOpenPerUser,
        @DefaultValue("1000") @Positive int maxBacklog,
        @DefaultValue("10s") @NotNull Duration retryAfter,
        @DefaultValue("1s") @NotNull
        // A zero or negative delay would make the scheduler refuse to start, with a message that
        // names no property.
        @DurationMin(millis = 1, message = "lab.streams.refresh-interval must be positive (at least 1ms), was ${validatedValue}")
        Duration refreshInterval) {}
