package org.concurrencylab.core;

/**
 * Which of a workload's observations is a run's final shared state and which the state it must
 * reach when no update is lost, so an experiment can list the final states its runs ended in, as
 * jcstress prints its outcome table: each distinct value with how often it was seen, ACCEPTABLE
 * when it is exactly the expected one, FORBIDDEN when updates were lost. Declared in a definition
 * with {@code outcomes(observed, expected)}; the experiment's result builds the table.
 */
public record RaceOutcomes(Metric.Count observed, Metric.Count expected) {}
