package org.concurrencylab.experiment;

import java.util.List;

/** One page of a listing, newest first. */
public record ExperimentPage(List<ExperimentListing> items, int page, int size, long totalItems, int totalPages) {}
