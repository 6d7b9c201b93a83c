/** Turns raw task timings into the numbers users read: per-run results, summaries, environment. */
package org.concurrencylab.measure;
