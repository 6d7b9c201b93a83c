package org.concurrencylab.study;

import org.concurrencylab.core.ExecutionModel;

/**
 * Which studies to list; a null field matches every study (that the viewer may see).
 *
 * @param model studies with this model among theirs
 * @param workloadKind studies of this workload kind, e.g. cpu.primes
 * @param ownerId a user's id: only that user's studies
 */
public record StudyFilter(StudyStatus status, ExecutionModel model, String workloadKind, String ownerId) {}
