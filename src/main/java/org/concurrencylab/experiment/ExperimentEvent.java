package org.concurrencylab.experiment;

import java.time.Duration;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.measure.RunResult;

/**
 * What happens to experiments, published after it is stored. Metrics and live progress listen
 * to these; nothing in the lifecycle calls into them.
 */
public sealed interface ExperimentEvent {

    String id();

    ExecutionModel model();

    String workloadKind();

    record Submitted(String id, ExecutionModel model, String workloadKind) implements ExperimentEvent {}

    record Started(String id, ExecutionModel model, String workloadKind, Duration queueWait) implements ExperimentEvent {}

    record RunFinished(String id, ExecutionModel model, String workloadKind, int done, int total, RunResult run)
            implements ExperimentEvent {}

    record Finished(String id, ExecutionModel model, String workloadKind, ExperimentStatus status, Duration duration)
            implements ExperimentEvent {}

    /** Removed from the store, finished (a running one is stopped first): its id answers 404 from now on. */
    record Deleted(String id, ExecutionModel model, String workloadKind, Remover by) implements ExperimentEvent {}

    /** Who removed an experiment: a user's delete (of it or of its study), or the retention rules. */
    enum Remover { USER, RETENTION }
}
