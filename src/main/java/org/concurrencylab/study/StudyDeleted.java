package org.concurrencylab.study;

/**
 * A study was removed with its cells (by its owner, or by the retention rules): its id answers 404
 * from now on. Published after its cells' own deletion events.
 */
public record StudyDeleted(String id) {}
