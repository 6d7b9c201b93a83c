package org.concurrencylab.execution;

import org.concurrencylab.core.ExecutionModel;
/**
 * One experiment as the engine runs it.
 *
 * @param baseline also run the plan SEQUENTIAL, interleaved with the model's runs so that drift
 *     on a shared machine hits both alike
 */
public record ExecutionRequest(ExecutionModel model, RunPlan plan, int warmups, int repetitions, boolean baseline) {

    /** Runs in the order they happen: warm-ups first, then measured repetitions. */
    public int totalRuns() {
        return (warmups + repetitions) * (baseline ? 2 : 1);
    }
}
