package org.concurrencylab.stream;

import java.util.Objects;

/** Who opened a stream (the signed-in user's id): the key {@code lab.streams.max-open-per-user} counts by. */
public record OwnerKey(String value) {

    /** Streams opened without a known user (tests of the hub alone). */
    public static final OwnerKey ANONYMOUS = new OwnerKey("anonymous");

    public OwnerKey {
        Objects.requireNonNull(value, "value");
    }
}
