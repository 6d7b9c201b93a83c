package org.concurrencylab.core;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An experiment's observations combined over its measured runs, as a {@link Narrator} reads them:
 * a number that varied between runs reads as its mean, a text that varied as the values seen.
 */
public interface ObservedFacts {

    /** The metric's number (its mean over the runs where it varied); empty when not observed. */
    OptionalDouble number(Metric metric);

    /** The metric's text (the texts seen, joined, where it varied); empty when not observed. */
    Optional<String> text(Metric.Text metric);

    /** Whether the metric took different values in different runs. */
    boolean varies(Metric metric);

    /** The parallelism the experiment ran at, for sentences that compare against it. */
    int parallelism();

    /** A value of a param as the spec gave it. */
    long param(Param.Int param);

    String param(Param.Choice param);

    boolean param(Param.Flag param);
}
