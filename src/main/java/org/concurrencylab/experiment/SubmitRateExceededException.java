package org.concurrencylab.experiment;

/** A user submitted more often than {@code lab.limits.per-user.submits-per-minute} allows. */
public final class SubmitRateExceededException extends RuntimeException {

    private final SubmitAllowance allowance;

    private SubmitRateExceededException(String message, SubmitAllowance allowance) {
        super(message);
        this.allowance = allowance;
    }

    static SubmitRateExceededException of(SubmitAllowance allowance) {
        return new SubmitRateExceededException("you already made " + allowance.limit() + " submits in the last "
                + allowance.window().toSeconds() + " s, your rate limit (lab.limits.per-user.submits-per-minute = "
                + allowance.limit() + "); submit again after " + Math.max(1, ceilSeconds(allowance)) + " s", allowance);
    }

    private static long ceilSeconds(SubmitAllowance allowance) {
        return (allowance.retryAfter().toMillis() + 999) / 1000;
    }

    public SubmitAllowance allowance() {
        return allowance;
    }
}
