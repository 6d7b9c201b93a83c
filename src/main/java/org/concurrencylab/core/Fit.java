package org.concurrencylab.core;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which models a kind of work can run on at all, before any workload's own reasons. One
 * exhaustive switch over the models: a new model must be placed here before the build passes.
 */
final class Fit {

    private Fit() {}

    /** Why no workload of this kind fits {@code model}; empty where the workload decides. */
    static Optional<String> refusal(WorkKind work, ExecutionModel model) {
        boolean inProcess = switch (model) {
            case SEQUENTIAL, THREADS, VIRTUAL_THREADS, FUTURES, FORK_JOIN, GIL -> true;
            case PROCESSES -> false;
        };
        return switch (work) {
            case CPU, IO, MIXED -> Optional.empty();
            case SHARED_STATE -> inProcess ? Optional.empty() : Optional.of("PROCESSES shares no memory between "
                    + "workers: a shared in-memory object cannot exist across JVMs; use an ipc.* workload to see what "
                    + "processes must do instead (message each other)");
            case INTER_PROCESS -> inProcess ? Optional.of("it measures what crosses between processes; threads in one "
                    + "JVM share memory and pass data by reference, with nothing to measure") : Optional.empty();
        };
    }

    /** The refusals of a workload: its kind's, then its own (which win). */
    static Map<ExecutionModel, String> refusals(WorkKind work, Map<ExecutionModel, String> own) {
        Map<ExecutionModel, String> all = new EnumMap<>(ExecutionModel.class);
        for (ExecutionModel model : ExecutionModel.values()) {
            refusal(work, model).ifPresent(reason -> all.put(model, reason));
        }
        all.putAll(own);
        return all;
    }
}
