package org.concurrencylab.stream;

/** What a stream follows. Events are numbered per topic. */
public sealed interface Topic permits ExperimentTopic, StudyTopic {

    String id();
}
