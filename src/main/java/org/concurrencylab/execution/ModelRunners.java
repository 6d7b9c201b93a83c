package org.concurrencylab.execution;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Picks the runner of a model. The switch has no default: a new model must be handled here. */
@Component
public class ModelRunners {

    private final ModelRunner sequential;
    private final ModelRunner threads;
    private final ModelRunner processes;

    ModelRunners(MeterRegistry registry, WorkerLauncher workers) {
        this.sequential = new SequentialRunner();
        this.threads = new ThreadsRunner(registry);
        this.processes = new ProcessPoolRunner(workers);
    }

    public ModelRunner forModel(ExecutionModel model) {
        return switch (model) {
            case SEQUENTIAL -> sequential;
            case THREADS -> threads;
            case PROCESSES -> processes;
        };
    }
}
