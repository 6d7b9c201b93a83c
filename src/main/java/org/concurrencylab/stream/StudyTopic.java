package org.concurrencylab.stream;

import java.util.Objects;

/** The events of one study (its own status and its cells' progress). */
public record StudyTopic(String id) implements Topic {

    public StudyTopic {
        Objects.requireNonNull(id, "id");
    }
}
