package org.concurrencylab.workload;

import org.concurrencylab.core.WorkloadDefinition;

/** Every workload's definition by a constant name, for tests in any package. */
public final class Kinds {

    public static final WorkloadDefinition CPU_PRIMES = PrimesWorkload.DEFINITION;
    public static final WorkloadDefinition IO_SLEEP = SleepWorkload.DEFINITION;
    public static final WorkloadDefinition CPU_HASH = HashWorkload.DEFINITION;
    public static final WorkloadDefinition CPU_MATMUL = MatmulWorkload.DEFINITION;
    public static final WorkloadDefinition CPU_MONTECARLO = MonteCarloWorkload.DEFINITION;
    public static final WorkloadDefinition IO_FILE = FileWorkload.DEFINITION;
    public static final WorkloadDefinition IO_HTTP = HttpWorkload.DEFINITION;
    public static final WorkloadDefinition MIXED = MixedWorkload.DEFINITION;
    public static final WorkloadDefinition SYNC_COUNTER = CounterWorkload.DEFINITION;
    public static final WorkloadDefinition SYNC_QUEUE = QueueWorkload.DEFINITION;
    public static final WorkloadDefinition SYNC_SEMAPHORE = SemaphoreWorkload.DEFINITION;
    public static final WorkloadDefinition SYNC_BOUNDED = BoundedSemaphoreWorkload.DEFINITION;
    public static final WorkloadDefinition SYNC_EVENT = EventWorkload.DEFINITION;
    public static final WorkloadDefinition SYNC_CONDITION = ConditionWorkload.DEFINITION;
    public static final WorkloadDefinition SYNC_DEADLOCK = DeadlockWorkload.DEFINITION;
    public static final WorkloadDefinition SCHED_TIMER = TimerWorkload.DEFINITION;
    public static final WorkloadDefinition IPC_PIPE = PipeWorkload.DEFINITION;
    public static final WorkloadDefinition IPC_SHARED = SharedCounterWorkload.DEFINITION;
    public static final WorkloadDefinition IPC_QUEUE = ProcessQueueWorkload.DEFINITION;
    public static final WorkloadDefinition IPC_MANAGER = ManagerWorkload.DEFINITION;

    private Kinds() {}
}
