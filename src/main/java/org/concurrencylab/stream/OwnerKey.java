package org.concurrencylab.stream;

import java.util.Objects;

/**
 * Who opened a stream. Today only the node-wide limit counts streams; this is the key a per-owner
 * limit ({@code lab.streams.max-open-per-user}) will count by.
 */
public record OwnerKey(String value) {

    /** Streams opened without a known user. */
    public static final OwnerKey ANONYMOUS = new OwnerKey("anonymous");

    public OwnerKey {
        Objects.requireNonNull(value, "value");
    }
}
