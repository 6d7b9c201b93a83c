package org.concurrencylab.experiment;

/** An experiment this node has just claimed from the queue, and the lease it holds it by. */
record Claim(Experiment experiment, Lease lease) {}
