package org.concurrencylab.execution;

/**
 * The repetitions of one experiment on one model. Most models share nothing between
 * repetitions; a warm worker pool keeps its JVMs here until the experiment ends.
 */
interface RunSession extends AutoCloseable {

    RunMeasurement run() throws InterruptedException, ExecutionFailedException;

    /** Releases what the repetitions shared (worker JVMs); never throws, keeps an interrupt flag set. */
    @Override
    void close();
}
