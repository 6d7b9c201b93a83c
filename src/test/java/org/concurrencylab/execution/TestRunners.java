package org.concurrencylab.execution;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The runners of the in-process models, for tests outside this package (workload labs run through real models). */
public final class TestRunners {

    private TestRunners() {}

    /** Every model but PROCESSES works: there is no worker launcher. */
    public static ModelRunners inProcess() {
        return new ModelRunners(new SimpleMeterRegistry(), null);
    }
}
