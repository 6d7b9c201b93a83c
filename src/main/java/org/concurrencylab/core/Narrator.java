package org.concurrencylab.core;

import java.util.List;

/** How a workload's observations read in words: sentences chosen by rules over the measured facts. */
@FunctionalInterface
public interface Narrator {

    Narrator SILENT = facts -> List.of();

    List<String> sentences(ObservedFacts facts);
}
