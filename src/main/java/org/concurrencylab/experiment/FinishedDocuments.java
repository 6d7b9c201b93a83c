package org.concurrencylab.experiment;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.concurrencylab.measure.ExperimentResult;

/**
 * The parsed spec and result of recently read finished experiments. A finished experiment's
 * documents never change again, and parsing its stored result was the largest part of what
 * reading one costs (a result holds every run, task and timeline), so a read parses them once.
 * Entries are keyed by id and checked against the row's finish time, so a row that is gone, or
 * not the one parsed, is never answered from here; the row itself is read every time.
 *
 * <p>A small LRU map, not a caching library: one bounded map with two operations.
 */
final class FinishedDocuments {

    private static final int CAPACITY = 256;

    record Parsed(Instant finishedAt, ResolvedSpec spec, ExperimentResult result) {}

    private final Map<String, Parsed> byId = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The documents parsed for this finished row, if they are at hand. */
    synchronized Parsed get(String id, Instant finishedAt) {
        Parsed parsed = byId.get(id);
        return parsed != null && parsed.finishedAt().equals(finishedAt) ? parsed : null;
    }

    synchronized void put(String id, Parsed parsed) {
        byId.put(id, parsed);
    }
}
