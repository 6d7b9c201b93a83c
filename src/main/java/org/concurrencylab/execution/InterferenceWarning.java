package org.concurrencylab.execution;

import java.util.Objects;

/**
 * Something this node did in the background that competed with an experiment for the machine
 * while it ran, so its times may be inflated. The {@code code} is stable for programs to match;
 * the message is for people and may be reworded.
 */
public record InterferenceWarning(Code code, String message) {

    public enum Code {
        /** The worker AOT cache was being built: one JVM training on a core for a few seconds after start-up. */
        AOT_CACHE_BUILDING
    }

    public InterferenceWarning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static InterferenceWarning aotCacheBuilding() {
        return new InterferenceWarning(Code.AOT_CACHE_BUILDING, "This node was building its worker AOT cache (a few"
                + " seconds of one core, once after start-up) while the experiment ran: it competed for the CPUs, so the"
                + " times may be inflated. Rerun it once GET /api/v1/system shows workers.aotCache as ready.");
    }
}
