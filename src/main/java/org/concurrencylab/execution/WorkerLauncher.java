package org.concurrencylab.execution;

import org.springframework.stereotype.Component;

/** Placeholder until the worker JVM launcher lands (spawns, tracks and kills worker JVMs). */
@Component
public class WorkerLauncher {

    /** Worker JVMs alive right now. */
    public int liveWorkers() {
        return 0;
    }
}
