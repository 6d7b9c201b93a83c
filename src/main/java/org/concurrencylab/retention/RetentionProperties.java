package org.concurrencylab.retention;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long finished work is kept ({@code lab.retention.*}). Both rules are off until set; either
 * may be set alone.
 *
 * @param maxAge finished experiments (and finished studies, whole) are removed this long after they
 *     finished (a study: after its last cell finished); unset, nothing is removed for its age
 * @param maxExperiments at most this many experiments are kept (cells of studies count); past it
 *     the oldest finished ones go first, a study whole with its cells; unset, no count is kept to
 * @param interval how often the rules are applied (on every node; removing a row twice is harmless)
 */
@Validated
@ConfigurationProperties("lab.retention")
record RetentionProperties(
        @DurationMin(seconds = 1, message = "lab.retention.max-age must be at least 1s when set, was ${validatedValue}")
        Duration maxAge,
        @Min(value = 0, message = "lab.retention.max-experiments must be 0 or more when set, was ${validatedValue}")
        Integer maxExperiments,
        @DefaultValue("10m") @NotNull
        @DurationMin(millis = 100, message = "lab.retention.interval must be at least 100ms, was ${validatedValue}")
        Duration interval) {

    boolean enabled() {
        return maxAge != null || maxExperiments != null;
    }
}
