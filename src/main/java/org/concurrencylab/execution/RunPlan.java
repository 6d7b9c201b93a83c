package org.concurrencylab.execution;

import org.concurrencylab.workload.WorkloadKind;
import org.concurrencylab.workload.WorkloadParams;

/** What one repetition runs: a validated workload, how many tasks, and how many at once. */
public record RunPlan(WorkloadKind kind, WorkloadParams params, int tasks, int parallelism) {}
