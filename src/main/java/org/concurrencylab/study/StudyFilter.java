package org.concurrencylab.study;

import org.concurrencylab.core.ExecutionModel;

/**
 * Which studies to list; a null field matches every study.
 *
 * @param model studies with this model among theirs
 * @param workloadKind studies of this workload kind, e.g. cpu.primes
 */
public record StudyFilter(StudyStatus status, ExecutionModel model, String workloadKind) {}
