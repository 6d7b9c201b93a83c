package org.concurrencylab.experiment;

import java.time.Duration;

/**
 * What one submit took from its user's rate budget, and what is left: the numbers behind the
 * {@code RateLimit} and {@code RateLimit-Policy} headers.
 *
 * @param allowed whether the submit may go ahead
 * @param limit submits per {@code window}
 * @param window the policy's window
 * @param remaining submits left now
 * @param reset until the budget is whole again
 * @param retryAfter until the next submit is allowed (zero when {@code remaining > 0})
 */
public record SubmitAllowance(boolean allowed, long limit, Duration window, long remaining, Duration reset,
        Duration retryAfter) {
}
