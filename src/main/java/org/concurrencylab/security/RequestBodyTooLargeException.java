package org.concurrencylab.security;

import java.io.IOException;

/**
 * A body without a declared length grew past {@code lab.limits.max-request-bytes} while it was
 * read; an IOException so that it travels through whatever was reading (the JSON parser).
 */
public final class RequestBodyTooLargeException extends IOException {

    private final long limit;

    RequestBodyTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
