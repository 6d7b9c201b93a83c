package org.concurrencylab.core;

/** One value a run observed, with the declaration that says what it is and how it combines. */
public record Observation(Metric metric, Value value) {

    public Observation {
        // instanceof tests, not a pattern switch: a worker makes observations before READY (its
        // warm-up), and a pattern switch is linked at first use, which a fresh JVM pays in milliseconds.
        boolean fits = metric instanceof Metric.Count ? value instanceof Value.Count
                : metric instanceof Metric.Real ? value instanceof Value.Real
                : metric instanceof Metric.Text ? value instanceof Value.Text
                : value instanceof Value.Flag;
        if (!fits) {
            throw new IllegalArgumentException(metric.name() + " is declared " + metric.type() + ", not " + value);
        }
    }

    public String name() {
        return metric.name();
    }
}
