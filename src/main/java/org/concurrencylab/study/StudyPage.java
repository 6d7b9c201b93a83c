package org.concurrencylab.study;

import java.util.List;

/** One page of studies, newest first, as experiments are paged. */
public record StudyPage(List<StudyListing> items, int page, int size, long totalItems, int totalPages) {}
