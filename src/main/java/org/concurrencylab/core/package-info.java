/**
 * The typed core: what the lab can run and how its numbers read, in plain Java with no Spring on
 * the import list, because worker JVMs carry it and must start fast. The execution models, their
 * options, one {@link org.concurrencylab.core.WorkloadDefinition} per workload (params, which
 * models fit, what {@code tasks} means, observations and how they read in words), and typed
 * observations that carry their own unit and aggregation. Validation, the catalog, the worker, the
 * combiner and the interpreter all read these declarations; none restates them.
 */
package org.concurrencylab.core;
