package org.concurrencylab.execution;

import java.nio.file.Path;
import java.util.List;

/**
 * How the running JDK builds and uses an ahead-of-time cache (JEP 483 in JDK 24, made a single
 * step by JEP 514 in JDK 25): it holds the worker jar's classes already loaded and linked, which
 * cuts a worker JVM's start-up by about a third. Workers use the server's own {@code java}, so
 * the server's feature version decides.
 *
 * <p>Never combined with an {@code -Xshare} flag: with one the JVM exits at once, which looks like
 * a very fast worker.
 */
enum AotSupport {
    /** JDK 23 and older: no AOT cache; workers start with the default CDS archive only. */
    NONE,
    /** JDK 24: a training run records a configuration, a second JVM creates the cache from it. */
    TWO_STEP,
    /** JDK 25 and newer: the training run writes the cache itself when it exits. */
    ONE_STEP;

    static AotSupport forFeature(int feature) {
        if (feature >= 25) {
            return ONE_STEP;
        }
        return feature == 24 ? TWO_STEP : NONE;
    }

    static AotSupport ofRunningJdk() {
        return forFeature(Runtime.version().feature());
    }

    /** The flags a worker gets to start from {@code cache}; none where the JDK cannot use one. */
    List<String> workerFlags(Path cache) {
        return this == NONE ? List.of() : List.of("-XX:AOTCache=" + cache);
    }

    /**
     * The flags of the training run: where the one-step form writes the cache, where the two-step
     * form records its configuration.
     */
    List<String> trainingFlags(Path cache, Path configuration) {
        return switch (this) {
            case NONE -> throw new IllegalStateException("this JDK has no AOT cache to train");
            case TWO_STEP -> List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration);
            case ONE_STEP -> List.of("-XX:AOTCacheOutput=" + cache);
        };
    }
}
