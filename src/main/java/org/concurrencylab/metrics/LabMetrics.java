package org.concurrencylab.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.concurrencylab.execution.WorkerLauncher;
import org.concurrencylab.execution.WorkerSpawned;
import org.concurrencylab.experiment.ExperimentEvent;
import org.concurrencylab.experiment.ExperimentService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Experiment and worker metrics. Tags are the model, the workload kind and, once finished, the
 * status: all small closed sets, so the series count stays bounded whatever users submit.
 */
@Component
class LabMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(LabMetrics.class);

    private final MeterRegistry registry;

    LabMetrics(MeterRegistry registry, ExperimentService experiments, WorkerLauncher workers) {
        this.registry = registry;
        Gauge.builder("lab.queue.depth", experiments, LabMetrics::queuedOrNaN)
                .description("Experiments waiting in the queue (all nodes)")
                .register(registry);
        Gauge.builder("lab.experiments.running", experiments, ExperimentService::runningHere)
                .description("Experiments running on this node")
                .register(registry);
        Gauge.builder("lab.workers.live", workers, WorkerLauncher::liveWorkers)
                .description("Worker JVMs alive on this node")
                .register(registry);
    }

    /** A scrape must not fail because the database blinked; NaN says "unknown" in Prometheus. */
    private static double queuedOrNaN(ExperimentService experiments) {
        try {
            return experiments.queued();
        } catch (RuntimeException e) {
            LOG.debug("queue depth unavailable: {}", e.toString());
            return Double.NaN;
        }
    }

    @EventListener
    void submitted(ExperimentEvent.Submitted e) {
        Counter.builder("lab.experiments.submitted")
                .description("Experiments accepted into the queue")
                .tag("model", e.model().name())
                .tag("workload", e.workloadKind())
                .register(registry)
                .increment();
    }

    @EventListener
    void started(ExperimentEvent.Started e) {
        Timer.builder("lab.experiment.queue.wait")
                .description("Time experiments waited in the queue before they started")
                .tag("model", e.model().name())
                .tag("workload", e.workloadKind())
                .register(registry)
                .record(e.queueWait());
    }

    @EventListener
    void runFinished(ExperimentEvent.RunFinished e) {
        Counter.builder("lab.runs.finished")
                .description("Repetitions (warm-up, measured and baseline) finished")
                .tag("model", e.run().model())
                .tag("workload", e.workloadKind())
                .register(registry)
                .increment();
    }

    @EventListener
    void workerSpawned(WorkerSpawned e) {
        Timer.builder("lab.worker.spawn")
                .description("Time from starting a worker JVM to its READY frame")
                .register(registry)
                .record(e.spawnNanos(), TimeUnit.NANOSECONDS);
    }

    @EventListener
    void deleted(ExperimentEvent.Deleted e) {
        Counter.builder("lab.experiments.deleted")
                .description("Experiments removed from the store, by a user's delete or by the retention rules")
                .tag("by", e.by().name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    @EventListener
    void finished(ExperimentEvent.Finished e) {
        Counter.builder("lab.experiments.finished")
                .description("Experiments that reached a final status")
                .tag("model", e.model().name())
                .tag("workload", e.workloadKind())
                .tag("status", e.status().name())
                .register(registry)
                .increment();
        Timer.builder("lab.experiment.duration")
                .description("Time from start to final status of experiments")
                .tag("model", e.model().name())
                .tag("workload", e.workloadKind())
                .tag("status", e.status().name())
                .register(registry)
                .record(e.duration());
    }
}
