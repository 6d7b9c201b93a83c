/**
 * Experiments: the spec users submit, its validation against the catalog and limits, the stored
 * lifecycle, and the database-backed queue that hands experiments to the execution engine.
 */
package org.concurrencylab.experiment;
