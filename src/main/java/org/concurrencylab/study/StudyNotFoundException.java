package org.concurrencylab.study;

/** No study has this id. */
public class StudyNotFoundException extends RuntimeException {

    StudyNotFoundException(String id) {
        super("no study with id '" + id + "'");
    }
}
