package org.concurrencylab.workload;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.concurrencylab.core.ExecutionModel;

/**
 * Why a model cannot run a workload, where several workloads are refused it for the same reason:
 * one wording, so the catalog says the same thing the same way.
 */
final class Refusals {

    /** Every model but PROCESSES: what the ipc labs refuse, since their point is a second process. */
    static final Set<ExecutionModel> IN_ONE_JVM =
            Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(ExecutionModel.PROCESSES)));

    /** PROCESSES, for the counter and the semaphore. */
    static final String NO_SHARED_COUNTER = noSharedMemory("a shared in-memory counter or semaphore");

    /** PROCESSES, for the workloads whose workers signal each other: queue, event, condition. */
    static final String NO_SHARED_SIGNAL = noSharedMemory("a queue, event or condition in one JVM's memory");

    /** SEQUENTIAL, for the workloads whose workers wait on each other: queue, event, condition. */
    static final String ALL_AT_ONCE = "SEQUENTIAL runs one worker at a time, while these workers wait on each other "
            + "and must all run at once";

    private Refusals() {}

    /** PROCESSES, for a workload whose workers share {@code what} ("a pair of locks in one JVM's memory"). */
    static String noSharedMemory(String what) {
        return "PROCESSES shares no memory between workers: " + what + " cannot exist across JVMs; use ipc.pipe to "
                + "see what processes must do instead (message each other)";
    }
}
