package org.concurrencylab.workload;

import java.util.List;
import java.util.Optional;
import org.concurrencylab.core.WorkloadDefinition;

/**
 * The closed catalog: every workload the lab can run, in the order the catalog lists them. Adding
 * one is its own file and one line here; everything else reads its definition.
 */
public final class Workloads {

    public static final List<WorkloadDefinition> ALL = List.of(
            PrimesWorkload.DEFINITION,
            SleepWorkload.DEFINITION,
            HashWorkload.DEFINITION,
            MatmulWorkload.DEFINITION,
            MonteCarloWorkload.DEFINITION,
            FileWorkload.DEFINITION,
            HttpWorkload.DEFINITION,
            MixedWorkload.DEFINITION,
            CounterWorkload.DEFINITION,
            QueueWorkload.DEFINITION,
            SemaphoreWorkload.DEFINITION,
            BoundedSemaphoreWorkload.DEFINITION,
            EventWorkload.DEFINITION,
            ConditionWorkload.DEFINITION,
            DeadlockWorkload.DEFINITION,
            TimerWorkload.DEFINITION,
            PipeWorkload.DEFINITION,
            SharedCounterWorkload.DEFINITION,
            ProcessQueueWorkload.DEFINITION,
            ManagerWorkload.DEFINITION);

    private Workloads() {}

    public static Optional<WorkloadDefinition> byId(String id) {
        for (WorkloadDefinition definition : ALL) {
            if (definition.id().equals(id)) {
                return Optional.of(definition);
            }
        }
        return Optional.empty();
    }

    public static List<String> ids() {
        return ALL.stream().map(WorkloadDefinition::id).toList();
    }
}
