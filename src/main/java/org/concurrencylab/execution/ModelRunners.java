package org.concurrencylab.execution;

import org.concurrencylab.core.ExecutionModel;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Picks the runner of a model. The switch has no default: a new model must be handled here. */
@Component
class ModelRunners {

    private final ModelRunner sequential;
    private final ModelRunner threads;
    private final ModelRunner virtualThreads;
    private final ModelRunner futures;
    private final ModelRunner forkJoin;
    private final ModelRunner gil;
    private final ModelRunner eventLoop;
    private final ModelRunner processes;

    ModelRunners(MeterRegistry registry, WorkerLauncher workers) {
        InstrumentedPools pools = new InstrumentedPools(registry);
        this.sequential = new SequentialRunner();
        this.threads = new ThreadsRunner(pools);
        this.virtualThreads = new VirtualThreadsRunner();
        this.futures = new FuturesRunner(pools);
        this.forkJoin = new ForkJoinRunner(pools);
        this.gil = new GilRunner(pools);
        this.eventLoop = new EventLoopRunner();
        this.processes = new ProcessPoolRunner(workers);
    }

    public ModelRunner forModel(ExecutionModel model) {
        return switch (model) {
            case SEQUENTIAL -> sequential;
            case THREADS -> threads;
            case VIRTUAL_THREADS -> virtualThreads;
            case FUTURES -> futures;
            case FORK_JOIN -> forkJoin;
            case GIL -> gil;
            case EVENT_LOOP -> eventLoop;
            case PROCESSES -> processes;
        };
    }
}
