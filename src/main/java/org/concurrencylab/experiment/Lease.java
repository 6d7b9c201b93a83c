package org.concurrencylab.experiment;

/**
 * A node's right to run one experiment and write its outcome: the experiment, the node that claimed
 * it and the epoch of that claim. Every write under a lease is conditional on all three, so once
 * another node has moved the epoch on (it recorded that this lease lapsed) the holder's writes
 * change nothing.
 */
record Lease(String experimentId, String nodeId, long epoch) {}
