package org.concurrencylab.measure;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Measured runs in the format JMH 1.37 writes with {@code -rf json} (its {@code
 * JSONResultFormat}), so JMH Visualizer and other JMH tooling open lab results as they are: the
 * same fields in the same order, the score and its 99.9% error computed as JMH's {@code
 * ListStatistics} computes them. Each lab run is one JMH iteration (one invocation of the whole
 * workload, not time-boxed, hence "single-shot" as the iteration time); runs of one JVM are one fork.
 */
public final class JmhJson {

    /** The JMH release whose format this writes. */
    public static final String JMH_VERSION = "1.37";

    /** JMH's percentile ranks, in its order. */
    static final double[] PERCENTILES = {0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0};

    /** JMH's score error is the half-width of a 99.9% Student t interval. */
    static final double CONFIDENCE = 0.999;

    private JmhJson() {}

    /** JMH's benchmark modes, by their short labels; sample time is left out (its raw data is a histogram). */
    public enum Mode {
        THROUGHPUT("thrpt"),
        AVERAGE_TIME("avgt"),
        SINGLE_SHOT("ss");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The mode JMH's {@code -bm} names with this short label, e.g. {@code thrpt}. */
        public static java.util.Optional<Mode> ofLabel(String label) {
            return java.util.Arrays.stream(values()).filter(m -> m.label.equals(label)).findFirst();
        }
    }

    /** The JVM that ran the benchmark, as JMH describes it. */
    public record Jvm(String jvm, List<String> jvmArgs, String jdkVersion, String vmName, String vmVersion) {

        public Jvm {
            jvmArgs = List.copyOf(jvmArgs);
        }

        /** This JVM; -X flags only, as {@link Environment} keeps them: -D may carry credentials. */
        public static Jvm current() {
            return new Jvm(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                            .filter(arg -> arg.startsWith("-X"))
                            .toList(),
                    System.getProperty("java.version"),
                    System.getProperty("java.vm.name"),
                    System.getProperty("java.vm.version"));
        }
    }

    /** One element of the JSON array JMH writes: one benchmark with its parameters. */
    @JsonPropertyOrder({"jmhVersion", "benchmark", "mode", "threads", "forks", "jvm", "jvmArgs", "jdkVersion", "vmName",
        "vmVersion", "warmupIterations", "warmupTime", "warmupBatchSize", "measurementIterations", "measurementTime",
        "measurementBatchSize", "params", "primaryMetric", "secondaryMetrics"})
    @Schema(name = "JmhResult", description = "One benchmark as JMH 1.37 writes it with -rf json.")
    public record Result(
            String jmhVersion,
            String benchmark,
            String mode,
            int threads,
            int forks,
            String jvm,
            List<String> jvmArgs,
            String jdkVersion,
            String vmName,
            String vmVersion,
            int warmupIterations,
            String warmupTime,
            int warmupBatchSize,
            int measurementIterations,
            String measurementTime,
            int measurementBatchSize,
            // JMH leaves "params" out when the benchmark has none.
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> params,
            Metric primaryMetric,
            Map<String, Metric> secondaryMetrics) {}

    /**
     * A metric as JMH writes it. {@code scoreError} and {@code scoreConfidence} are NaN for two
     * iterations or fewer, written as the string "NaN" as JMH does (plain NaN is not JSON).
     */
    @JsonPropertyOrder({"score", "scoreError", "scoreConfidence", "scorePercentiles", "scoreUnit", "rawData"})
    @Schema(name = "JmhMetric", description = "A score as JMH writes it.")
    public record Metric(
            double score,
            @Schema(types = {"number", "string"}, description = "Half the 99.9% interval; the string \"NaN\" below "
                    + "three iterations, as JMH writes it.")
            @JsonSerialize(using = JmhNumber.class) double scoreError,
            @ArraySchema(schema = @Schema(types = {"number", "string"}), arraySchema = @Schema(description = "The "
                    + "99.9% interval; \"NaN\" strings below three iterations."))
            @JsonSerialize(contentUsing = JmhNumber.class) List<Double> scoreConfidence,
            Map<String, Double> scorePercentiles,
            String scoreUnit,
            List<List<Double>> rawData) {}

    /**
     * Wall times of the measured runs turned into the mode's score: throughput in tasks per second
     * ("ops/s"), average time per task ("ms/op"), or single shot, the whole run as one operation
     * ("ms/op").
     */
    public static List<Result> ofWallTimes(String benchmark, Mode mode, int threads, Map<String, ?> params,
            int warmupRuns, List<Double> wallMillis, int tasksPerRun, Jvm jvm) {
        List<Double> scores = wallMillis.stream()
                .map(millis -> switch (mode) {
                    case THROUGHPUT -> tasksPerRun * 1000.0 / millis;
                    case AVERAGE_TIME -> millis / tasksPerRun;
                    case SINGLE_SHOT -> millis;
                })
                .toList();
        String unit = mode == Mode.THROUGHPUT ? "ops/s" : "ms/op";
        return of(benchmark, mode, unit, threads, params, warmupRuns, List.of(scores), jvm);
    }

    /**
     * @param forks per fork (JVM), the scores of its measured iterations in order; JMH's rawData
     * @throws IllegalArgumentException without a single measured iteration
     */
    public static List<Result> of(String benchmark, Mode mode, String scoreUnit, int threads, Map<String, ?> params,
            int warmupIterations, List<List<Double>> forks, Jvm jvm) {
        double[] values = forks.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
        if (values.length == 0) {
            throw new IllegalArgumentException("JMH's format needs at least one measured iteration");
        }
        // JMH sorts parameters by name (its WorkloadParams is a sorted map) and writes every value as a string.
        Map<String, String> names = new TreeMap<>();
        params.forEach((name, value) -> names.put(name, String.valueOf(value)));
        List<List<Double>> rawData = forks.stream().map(List::copyOf).toList();
        int iterations = forks.stream().mapToInt(List::size).max().orElse(0);
        Metric primary = metric(values, scoreUnit, rawData);
        return List.of(new Result(JMH_VERSION, benchmark, mode.label(), threads, forks.size(), jvm.jvm(),
                jvm.jvmArgs(), jvm.jdkVersion(), jvm.vmName(), jvm.vmVersion(), warmupIterations, "single-shot", 1,
                iterations, "single-shot", 1, names, primary, Map.of()));
    }

    static Metric metric(double[] values, String unit, List<List<Double>> rawData) {
        int n = values.length;
        // Mean and sample variance the way JMH's ListStatistics computes them (sum over n; squared
        // deviations over n - 1), so the numbers match JMH's to the last digit.
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        double mean = sum / n;
        double error = Double.NaN;
        List<Double> confidence = List.of(Double.NaN, Double.NaN);
        // JMH gives no error below three iterations: the t quantile of one degree of freedom is 636.6.
        if (n > 2) {
            double squares = 0;
            for (double value : values) {
                squares += Math.pow(value - mean, 2);
            }
            double sd = Math.sqrt(squares / (n - 1));
            double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
            error = t * sd / Math.sqrt(n);
            confidence = List.of(mean - error, mean + error);
        }
        Map<String, Double> percentiles = new LinkedHashMap<>();
        Percentile percentile = new Percentile();
        percentile.setData(values);
        for (double rank : PERCENTILES) {
            // JMH answers rank 0 with the minimum (commons-math3 rejects it) and the rest with commons-math3.
            double value = rank == 0 ? min(values) : percentile.evaluate(rank);
            percentiles.put(String.valueOf(rank), value);
        }
        return new Metric(mean, error, confidence, percentiles, unit, rawData);
    }

    private static double min(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        for (double value : values) {
            min = Math.min(min, value);
        }
        return min;
    }

    /** Writes a double as JMH's {@code emit} does: NaN and the infinities as strings, the rest as numbers. */
    static final class JmhNumber extends StdSerializer<Double> {

        JmhNumber() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator generator, SerializationContext context) {
            if (value.isNaN()) {
                generator.writeString("NaN");
            } else if (value == Double.NEGATIVE_INFINITY) {
                generator.writeString("-INF");
            } else if (value == Double.POSITIVE_INFINITY) {
                generator.writeString("+INF");
            } else {
                generator.writeNumber(value);
            }
        }
    }
}
