package org.concurrencylab.study;

/** The study package's exceptions, for tests in other packages (the web slices) that mock the service. */
public final class StudyFailures {

    private StudyFailures() {}

    public static StudyNotFoundException notFound(String id) {
        return new StudyNotFoundException(id);
    }
}
