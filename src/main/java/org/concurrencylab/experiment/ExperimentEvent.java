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
}
