package org.concurrencylab.experiment;

/** No experiment has this id. */
public class ExperimentNotFoundException extends RuntimeException {

    private ExperimentNotFoundException(String message) {
        super(message);
    }

    public static ExperimentNotFoundException forId(String id) {
        return new ExperimentNotFoundException("no experiment with id '" + id + "'");
    }
}
