/**
 * The closed catalog of workloads: plain Java with no Spring on its import list, because worker
 * JVMs run exactly this code and must start fast. Nothing here ever runs user-supplied code.
 */
package org.concurrencylab.workload;
