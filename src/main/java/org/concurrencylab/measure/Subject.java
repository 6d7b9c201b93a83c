package org.concurrencylab.measure;

import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.core.WorkloadDefinition;

/**
 * What an experiment measured, as its interpretation needs it.
 *
 * @param parallelism what speedup is divided by: the threads or workers, or for VIRTUAL_THREADS
 *     without a cap the number of tasks (all of which may run at once)
 * @param capped false for VIRTUAL_THREADS without a cap, whose parallelism is not a setting
 */
public record Subject(ExecutionModel model, WorkloadDefinition workload, ParamValues params, int parallelism,
        boolean capped) {}
