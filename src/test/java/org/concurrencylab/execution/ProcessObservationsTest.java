package org.concurrencylab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.concurrencylab.core.ModelOptions;
import org.concurrencylab.core.ParamValues;
import org.concurrencylab.workload.Kinds;
import org.junit.jupiter.api.Test;

/** A workload's observations made in worker JVMs come back, combined, as one JVM would report them. */
class ProcessObservationsTest extends WorkerPoolTestBase {

    @Test
    void montecarloReportsWhatTheSequentialRunReports() throws Exception {
        RunPlan plan = new RunPlan(Kinds.CPU_MONTECARLO, new ParamValues(Map.of("samples", 50_000L)), 6, 2,
                ModelOptions.DEFAULTS);

        Map<String, Object> processes = runner.run(plan).observations().plain();
        Map<String, Object> sequential = new SequentialRunner().run(plan).observations().plain();

        assertThat(processes).containsEntry("samples", 300_000L);
        assertThat(processes.get("hits")).isEqualTo(((Number) sequential.get("hits")).longValue());
        assertThat(processes.get("piEstimate")).isEqualTo(sequential.get("piEstimate"));
        assertThat((double) processes.get("piEstimate")).isBetween(3.0, 3.3);
    }

    @Test
    void fileCountersAddUpAcrossWorkers() throws Exception {
        RunPlan plan = new RunPlan(Kinds.IO_FILE, new ParamValues(Map.of("bytes", 4_096L)), 5, 2);

        Map<String, Object> observed = runner.run(plan).observations().plain();

        assertThat(observed).containsEntry("bytesWritten", 5 * 4_096L).containsEntry("filesSynced", 5L);
    }

    @Test
    void httpRequestsAddUpAndThePeakIsTheLargestWorkersPeak() throws Exception {
        RunPlan plan = new RunPlan(Kinds.IO_HTTP,
                new ParamValues(Map.of("requests", 3L, "delayMillis", 0L)), 4, 2);

        Map<String, Object> observed = runner.run(plan).observations().plain();

        assertThat(observed).containsEntry("requestsSent", 12L);
        // Each worker runs one task at a time, so its loopback server never sees two requests at once.
        assertThat(observed).containsEntry("peakConcurrentRequests", 1L);
        assertThat(workers.launcher.liveWorkers()).isZero();
    }
}
