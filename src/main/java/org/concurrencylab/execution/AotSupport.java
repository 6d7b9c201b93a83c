package org.concurrencylab.execution;

import java.nio.file.Path;
import java.util.List;

/**
 * How the running JDK keeps a worker's classes ready-made between JVMs. JDK 24 and newer: an
 * ahead-of-time cache (JEP 483, one step since JEP 514 in JDK 25) holding the worker jar's classes
 * loaded and linked, with the JIT's method profiles from the training run (JEP 515); JDK 21 to 23:
 * a dynamic CDS archive, the classes parsed but linked at each start. Workers use the server's own
 * {@code java}, so the server's feature version decides.
 */
enum AotSupport {
    /** Older than 21: nothing (the lab needs 21). */
    NONE,
    /** JDK 21 to 23: a dynamic CDS archive written as the training run exits. */
    CDS,
    /** JDK 24: a training run records a configuration, a second JVM creates the cache from it. */
    TWO_STEP,
    /** JDK 25 and newer: the training run writes the cache itself when it exits. */
    ONE_STEP;

    static AotSupport forFeature(int feature) {
        if (feature >= 25) {
            return ONE_STEP;
        }
        if (feature == 24) {
            return TWO_STEP;
        }
        return feature >= 21 ? CDS : NONE;
    }

    static AotSupport ofRunningJdk() {
        return forFeature(Runtime.version().feature());
    }

    /** The file name's ending: the JDK's own names for the two kinds of file. */
    String suffix() {
        return this == CDS ? ".jsa" : ".aot";
    }

    /** The flags a worker gets to start from {@code cache}; none where the JDK cannot use one. */
    List<String> workerFlags(Path cache) {
        return switch (this) {
            case NONE -> List.of();
            case CDS -> List.of("-XX:SharedArchiveFile=" + cache);
            case TWO_STEP, ONE_STEP -> List.of("-XX:AOTCache=" + cache);
        };
    }

    /**
     * The flag that makes a JVM fail at start unless it can use its cache, where by default it
     * would go on without it and only be slower: how a cache is checked before workers use it.
     */
    String strictFlag() {
        return switch (this) {
            case NONE -> throw new IllegalStateException("this JDK has no cache to check");
            case CDS -> "-Xshare:on";
            case TWO_STEP, ONE_STEP -> "-XX:AOTMode=on";
        };
    }

    /**
     * The flags of the training run: where the one-step form writes the cache, where the two-step
     * form records its configuration, where CDS writes its archive.
     */
    List<String> trainingFlags(Path cache, Path configuration) {
        return switch (this) {
            case NONE -> throw new IllegalStateException("this JDK has no AOT cache to train");
            case CDS -> List.of("-XX:ArchiveClassesAtExit=" + cache);
            case TWO_STEP -> List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration);
            case ONE_STEP -> List.of("-XX:AOTCacheOutput=" + cache);
        };
    }
}
