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

    /**
     * Why no workload of this kind fits {@code model}; empty where the workload decides.
     *
     * @param cooperative whether the workload offers a cooperative form ({@link Cooperative})
     */
    static Optional<String> refusal(WorkKind work, boolean cooperative, ExecutionModel model) {
        boolean inProcess = switch (model) {
            case SEQUENTIAL, THREADS, VIRTUAL_THREADS, FUTURES, FORK_JOIN, GIL, EVENT_LOOP -> true;
            case PROCESSES -> false;
        };
        if (model == ExecutionModel.EVENT_LOOP) {
            Optional<String> onLoop = onLoop(work, cooperative);
            if (onLoop.isPresent()) {
                return onLoop;
            }
        }
        return switch (work) {
            case CPU, IO, MIXED -> Optional.empty();
            case SHARED_STATE -> inProcess ? Optional.empty() : Optional.of("PROCESSES shares no memory between "
                    + "workers: a shared in-memory object cannot exist across JVMs; use an ipc.* workload to see what "
                    + "processes must do instead (message each other)");
            case INTER_PROCESS -> inProcess ? Optional.of("it measures what crosses between processes; threads in one "
                    + "JVM share memory and pass data by reference, with nothing to measure") : Optional.empty();
        };
    }

    /**
     * An event loop has one thread: what blocks it stalls every task. CPU work runs to completion
     * in one callback (the lesson that it gets no speedup); waits need a form that yields.
     */
    private static Optional<String> onLoop(WorkKind work, boolean cooperative) {
        return switch (work) {
            case CPU, INTER_PROCESS -> Optional.empty();
            case IO, MIXED -> cooperative ? Optional.empty() : Optional.of("it has no cooperative form: its waits are "
                    + "blocking calls that would stall the loop's one thread and every other task with it (asyncio "
                    + "hands such calls to a thread pool with run_in_executor); run it on THREADS or VIRTUAL_THREADS");
            case SHARED_STATE -> Optional.of("its workers block on each other (locks, semaphores, queues, events), and "
                    + "a worker blocked on the loop's one thread would stall every other task, the one it waits for "
                    + "included; asyncio has its own Lock and Queue whose waits yield to the loop, which the lab does "
                    + "not model; run it on THREADS, or see io.sleep with blocking 1 for what one blocking call does "
                    + "to a loop");
        };
    }

    /** The refusals of a workload: its kind's, then its own (which win). */
    static Map<ExecutionModel, String> refusals(WorkKind work, boolean cooperative, Map<ExecutionModel, String> own) {
        Map<ExecutionModel, String> all = new EnumMap<>(ExecutionModel.class);
        for (ExecutionModel model : ExecutionModel.values()) {
            refusal(work, cooperative, model).ifPresent(reason -> all.put(model, reason));
        }
        all.putAll(own);
        return all;
    }
}
