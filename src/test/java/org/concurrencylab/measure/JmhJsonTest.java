package org.concurrencylab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JMH's JSON result format: field names and order as JMH 1.37's JSONResultFormat writes them, its numbers. */
class JmhJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final JmhJson.Jvm JVM = new JmhJson.Jvm("/opt/jdk/bin/java", List.of("-Xmx1g"), "21.0.5",
            "OpenJDK 64-Bit Server VM", "21.0.5+11-LTS");

    @Test
    void twoSingleShotRunsWriteJmhsExactShape() {
        List<JmhJson.Result> result = JmhJson.ofWallTimes("org.concurrencylab.cpu.primes", JmhJson.Mode.SINGLE_SHOT,
                4, Map.of("tasks", 200, "model", "THREADS"), 1, List.of(1.5, 2.5), 200, JVM);
        // Two iterations: JMH writes no error ("NaN" as a string); percentiles by commons-math3's
        // Percentile (50: position 1.5, so 2.0; 90 and up: past the last value, so 2.5).
        assertThat(JSON.writeValueAsString(result)).isEqualTo("[{\"jmhVersion\":\"1.37\","
                + "\"benchmark\":\"org.concurrencylab.cpu.primes\",\"mode\":\"ss\",\"threads\":4,\"forks\":1,"
                + "\"jvm\":\"/opt/jdk/bin/java\",\"jvmArgs\":[\"-Xmx1g\"],\"jdkVersion\":\"21.0.5\","
                + "\"vmName\":\"OpenJDK 64-Bit Server VM\",\"vmVersion\":\"21.0.5+11-LTS\",\"warmupIterations\":1,"
                + "\"warmupTime\":\"single-shot\",\"warmupBatchSize\":1,\"measurementIterations\":2,"
                + "\"measurementTime\":\"single-shot\",\"measurementBatchSize\":1,"
                + "\"params\":{\"model\":\"THREADS\",\"tasks\":\"200\"},"
                + "\"primaryMetric\":{\"score\":2.0,\"scoreError\":\"NaN\",\"scoreConfidence\":[\"NaN\",\"NaN\"],"
                + "\"scorePercentiles\":{\"0.0\":1.5,\"50.0\":2.0,\"90.0\":2.5,\"95.0\":2.5,\"99.0\":2.5,\"99.9\":2.5,"
                + "\"99.99\":2.5,\"99.999\":2.5,\"99.9999\":2.5,\"100.0\":2.5},"
                + "\"scoreUnit\":\"ms/op\",\"rawData\":[[1.5,2.5]]},"
                + "\"secondaryMetrics\":{}}]");
    }

    @Test
    void scoreErrorIsTheHalfWidthOfTheNinetyNinePointNinePercentTInterval() {
        // 10, 12, 14, 16, 18: mean 14, s = 3.1623, t(0.9995, 4) = 8.6103 (tables; SciPy 8.610301581),
        // error = 8.6103 x 3.1623 / sqrt(5) = 12.1768.
        JsonNode metric = JSON.valueToTree(JmhJson.of("b", JmhJson.Mode.AVERAGE_TIME, "ms/op", 1, Map.of(), 0,
                List.of(List.of(10.0, 12.0, 14.0, 16.0, 18.0)), JVM)).get(0).get("primaryMetric");
        assertThat(metric.get("score").asDouble()).isEqualTo(14.0);
        assertThat(metric.get("scoreError").asDouble()).isCloseTo(12.176805272509428, within(1e-9));
        assertThat(metric.get("scoreConfidence").get(0).asDouble()).isCloseTo(1.8231947274905718, within(1e-9));
        assertThat(metric.get("scoreConfidence").get(1).asDouble()).isCloseTo(26.176805272509426, within(1e-9));
        // Legacy estimation: position p (n + 1) / 100, so 50 -> 3rd value, 90 (position 5.4) -> the largest.
        assertThat(metric.get("scorePercentiles").get("0.0").asDouble()).isEqualTo(10.0);
        assertThat(metric.get("scorePercentiles").get("50.0").asDouble()).isEqualTo(14.0);
        assertThat(metric.get("scorePercentiles").get("90.0").asDouble()).isEqualTo(18.0);
    }

    @Test
    void fieldsComeInJmhsOrderAndParamsAreLeftOutWhenThereAreNone() {
        JsonNode benchmark = JSON.valueToTree(JmhJson.of("b", JmhJson.Mode.THROUGHPUT, "ops/s", 2, Map.of(), 3,
                List.of(List.of(1.0, 2.0, 3.0), List.of(4.0, 5.0, 6.0)), JVM)).get(0);
        List<String> names = new ArrayList<>(benchmark.propertyNames());
        // The order of JMH 1.37's JSONResultFormat; "params" only when the benchmark has some.
        assertThat(names).containsExactly("jmhVersion", "benchmark", "mode", "threads", "forks", "jvm", "jvmArgs",
                "jdkVersion", "vmName", "vmVersion", "warmupIterations", "warmupTime", "warmupBatchSize",
                "measurementIterations", "measurementTime", "measurementBatchSize", "primaryMetric",
                "secondaryMetrics");
        assertThat(new ArrayList<>(benchmark.get("primaryMetric").propertyNames())).containsExactly("score",
                "scoreError", "scoreConfidence", "scorePercentiles", "scoreUnit", "rawData");
        assertThat(benchmark.get("forks").asInt()).isEqualTo(2);
        assertThat(benchmark.get("measurementIterations").asInt()).isEqualTo(3);
        assertThat(benchmark.get("primaryMetric").get("rawData").toString()).isEqualTo("[[1.0,2.0,3.0],[4.0,5.0,6.0]]");
        assertThat(benchmark.get("primaryMetric").get("score").asDouble()).isEqualTo(3.5);
    }

    @Test
    void wallTimesBecomeTheModesScore() {
        List<Double> wall = List.of(50.0, 40.0, 25.0);
        JmhJson.Metric throughput = JmhJson.ofWallTimes("b", JmhJson.Mode.THROUGHPUT, 1, Map.of(), 0, wall, 100, JVM)
                .getFirst().primaryMetric();
        // 100 tasks in 50, 40, 25 ms: 2000, 2500 and 4000 tasks per second.
        assertThat(throughput.rawData()).containsExactly(List.of(2000.0, 2500.0, 4000.0));
        assertThat(throughput.scoreUnit()).isEqualTo("ops/s");
        JmhJson.Metric average = JmhJson.ofWallTimes("b", JmhJson.Mode.AVERAGE_TIME, 1, Map.of(), 0, wall, 100, JVM)
                .getFirst().primaryMetric();
        assertThat(average.rawData()).containsExactly(List.of(0.5, 0.4, 0.25));
        assertThat(average.scoreUnit()).isEqualTo("ms/op");
    }

    @Test
    void noRunsNoBenchmark() {
        assertThatThrownBy(() -> JmhJson.of("b", JmhJson.Mode.THROUGHPUT, "ops/s", 1, Map.of(), 0, List.of(List.of()),
                JVM)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void currentJvmDescribesThisOne() {
        JmhJson.Jvm jvm = JmhJson.Jvm.current();
        assertThat(jvm.jdkVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(jvm.jvm()).endsWith("java");
        assertThat(jvm.jvmArgs()).allSatisfy(arg -> assertThat(arg).startsWith("-X"));
    }
}
