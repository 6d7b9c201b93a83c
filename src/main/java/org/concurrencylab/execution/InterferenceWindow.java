package org.concurrencylab.execution;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Watches this node's own background work over one experiment's runs: opened before the first
 * run, ended after the last (or after a cancel), it says what competed with them for the CPUs.
 * The load average is too slow to show a build of a few seconds, so the node asks its own parts.
 */
public final class InterferenceWindow {

    private final Supplier<List<InterferenceWarning>> interferingNow;
    private final Set<InterferenceWarning> seen = new LinkedHashSet<>();

    InterferenceWindow(Supplier<List<InterferenceWarning>> interferingNow) {
        this.interferingNow = interferingNow;
        seen.addAll(interferingNow.get());
    }

    /**
     * What interfered at the window's start or interferes at its end, each once. Looking at the two
     * ends is enough: background work starts only with the node, before any experiment runs, so
     * none can both begin and end inside a window.
     */
    public List<InterferenceWarning> end() {
        seen.addAll(interferingNow.get());
        return List.copyOf(seen);
    }
}
