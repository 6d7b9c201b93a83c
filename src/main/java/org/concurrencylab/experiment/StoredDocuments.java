package org.concurrencylab.experiment;

import java.util.List;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.core.ModelOptions;
import org.concurrencylab.core.Observations;
import org.concurrencylab.measure.ExperimentResult;
import org.concurrencylab.measure.RunResult;
import org.concurrencylab.measure.Summary;
import org.concurrencylab.measure.Warning;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Between the domain's records and the documents the experiment table's JSON columns hold
 * ({@link StoredSpec}, {@link StoredResult}), so that a domain record can change without changing
 * what is stored, and a stored shape changes only with a migration that rewrites the old rows.
 */
final class StoredDocuments {

    /**
     * Its own mapper, not the API's: {@code spring.jackson.*} settings are for request bodies, and
     * a field added by a newer node must not stop an older one sharing the database from reading.
     */
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    String writeSpec(ResolvedSpec spec) {
        return json.writeValueAsString(new StoredSpec(spec.name(), spec.model().name(), spec.parallelism(),
                spec.tasks(), new StoredSpec.Workload(spec.workload().kind(), spec.workload().params()),
                spec.warmups(), spec.repetitions(), spec.baseline(), spec.timeLimitSeconds(),
                spec.options().values()));
    }

    ResolvedSpec readSpec(String stored) {
        StoredSpec s = json.readValue(stored, StoredSpec.class);
        return new ResolvedSpec(s.name(), ExecutionModel.valueOf(s.model()), s.parallelism(), s.tasks(),
                new ResolvedSpec.ResolvedWorkload(s.workload().kind(), s.workload().params()), s.warmups(),
                s.repetitions(), s.baseline(), s.timeLimitSeconds(), new ModelOptions(s.options()));
    }

    String writeResult(ExperimentResult result) {
        return json.writeValueAsString(new StoredResult(result.complete(),
                result.runs().stream().map(StoredDocuments::stored).toList(), stored(result.summary()),
                result.plainObservations(), result.environment(), result.interpretation(),
                result.outcomes().stream().map(o -> new StoredResult.Outcome(o.observed(), o.expected(), o.count(),
                        o.expect().name(), o.description())).toList()));
    }

    ExperimentResult readResult(String stored) {
        StoredResult r = json.readValue(stored, StoredResult.class);
        return ExperimentResult.restored(r.complete(), r.runs().stream().map(StoredDocuments::run).toList(),
                summary(r.summary()), r.observations(), r.environment(), r.interpretation(),
                r.outcomes() == null ? List.of() : r.outcomes().stream().map(o -> new ExperimentResult.Outcome(
                        o.observed(), o.expected(), o.count(), ExperimentResult.Outcome.Expect.valueOf(o.expect()),
                        o.description())).toList());
    }

    /**
     * The summary as the API shows it, for the list's own column: a list passes it through unparsed
     * (parsing every row's summary was most of a list request's cost), so it is written the way a
     * response writes the domain record.
     */
    String writeShownSummary(Summary summary) {
        return json.writeValueAsString(summary);
    }

    private static StoredResult.Run stored(RunResult r) {
        return new StoredResult.Run(r.index(), r.warmup(), r.baseline(), r.model(), r.wallMillis(), r.cpuMillis(),
                r.tasks(), r.throughputPerSecond(), r.taskMillis(), r.queueWaitMillis(),
                r.startupMillis(), r.checksum(), r.workerPids(),
                r.observations() == null ? null : r.observations().plain(), r.timeline(), r.gilHolds());
    }

    private static RunResult run(StoredResult.Run r) {
        return new RunResult(r.index(), r.warmup(), r.baseline(), r.model(), r.wallMillis(), r.cpuMillis(),
                r.tasks(), r.throughputPerSecond(), r.taskMillis(), r.queueWaitMillis(),
                r.startupMillis(), r.checksum(), r.workerPids(),
                Observations.fromPlain(r.observations()), r.timeline(), r.gilHolds());
    }

    private static StoredResult.Summary stored(Summary s) {
        return s == null ? null : new StoredResult.Summary(s.wallMillis(), s.throughputPerSecond(),
                s.checksum(), s.baselineWallMillis(), s.speedup(), s.efficiency(), s.speedupCi95Low(),
                s.speedupCi95High(), s.serialFraction(), s.coldRunWallMillis(),
                s.warnings().stream().map(w -> new StoredResult.Warning(w.code().name(), w.message())).toList());
    }

    private static Summary summary(StoredResult.Summary s) {
        return s == null ? null : new Summary(s.wallMillis(), s.throughputPerSecond(), s.checksum(),
                s.baselineWallMillis(), s.speedup(), s.efficiency(), s.speedupCi95Low(),
                s.speedupCi95High(), s.serialFraction(), s.coldRunWallMillis(),
                s.warnings().stream().map(w -> new Warning(Warning.Code.valueOf(w.code()), w.message())).toList());
    }
}
