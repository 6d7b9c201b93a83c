package org.concurrencylab.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.concurrencylab.measure.Distribution;
import org.concurrencylab.measure.Environment;
import org.concurrencylab.measure.Percentiles;

/**
 * The experiment table's {@code result} column: an {@code ExperimentResult} as stored, field for
 * field what the API shows of it, so that what users saw yesterday reads back the same. Rows
 * stored in older shapes were rewritten into this one by migration V4; fields that were not
 * measured yet when a row was stored stay absent (see each).
 *
 * <p>The records that carry what a stored shape may have to be kept compatible with (typed
 * observations, warning and outcome codes, fields added over time) are mirrored here, so that their
 * domain records need no compatibility code. {@link Distribution}, {@link Percentiles} and
 * {@link Environment} are stored as they are: plain values of numbers, strings and lists with no
 * behaviour in their JSON and no shape older than V4 left to read, whose fields are also the API's documented
 * shape, so a change to them is an API change (and a migration) either way. Should one of them
 * ever need compatibility code, it gets its mirror here instead.
 *
 * @param observations the measured runs' combined observations, each a plain value, a
 *     {@code {min, mean, max}} range or a list of the values seen; absent when there were none
 * @param interpretation absent on results stored before results were interpreted
 * @param outcomes the outcome table of workloads that declare one (sync.counter, ipc.shared); absent for the
 *     others and on results stored before it
 */
record StoredResult(
        boolean complete,
        List<Run> runs,
        Summary summary,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> observations,
        Environment environment,
        @JsonInclude(JsonInclude.Include.NON_NULL) String interpretation,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Outcome> outcomes) {

    /** @param expect an {@code ExperimentResult.Outcome.Expect} name */
    record Outcome(long observed, long expected, int count, String expect, String description) {}

    /**
     * @param cpuMillis absent where no thread of the lab did the work
     * @param queueWaitMillis absent on runs stored before queue waits were measured
     * @param observations each a plain value (number, text or flag); absent when there were none
     * @param timeline absent for long runs and on runs stored before timelines were kept
     * @param gilHolds GIL runs only; absent on runs stored before they were kept
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Run(
            int index,
            boolean warmup,
            boolean baseline,
            String model,
            double wallMillis,
            Double cpuMillis,
            int tasks,
            double throughputPerSecond,
            Percentiles taskMillis,
            Percentiles queueWaitMillis,
            Double startupMillis,
            long checksum,
            List<Long> workerPids,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> observations,
            List<long[]> timeline,
            List<long[]> gilHolds) {}

    /** @param warnings always present, empty when none applied */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Summary(
            Distribution wallMillis,
            double throughputPerSecond,
            long checksum,
            Distribution baselineWallMillis,
            Double speedup,
            Double efficiency,
            Double speedupCi95Low,
            Double speedupCi95High,
            Double serialFraction,
            Double coldRunWallMillis,
            List<Warning> warnings) {}

    /** @param code a {@code Warning.Code} name */
    record Warning(String code, String message) {}
}
