package org.concurrencylab.stream;

import java.util.Objects;

/** The events of one experiment. */
public record ExperimentTopic(String id) implements Topic {

    public ExperimentTopic {
        Objects.requireNonNull(id, "id");
    }
}
