package org.concurrencylab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.concurrencylab.support.LabApi;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/compare over HTTP: experiments side by side, each against the first, and every refusal. */
class CompareApiTest extends LabServerTest {

    private static final Duration FINISH = Duration.ofSeconds(120);

    private String finished(String spec) {
        String id = api.submit(spec);
        JsonNode done = api.awaitFinished(id, FINISH);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        return id;
    }

    private static String primes(String model) {
        return """
                {"model": "%s", "parallelism": 2, "tasks": 4, "warmups": 1, "repetitions": 5,
                 "workload": {"kind": "cpu.primes", "params": {"size": 20000}}, "timeLimitSeconds": 120}"""
                .formatted(model);
    }

    private static List<String> codes(JsonNode warnings) {
        List<String> codes = new ArrayList<>();
        warnings.forEach(w -> codes.add(w.get("code").asString()));
        return codes;
    }

    @Test
    void threadsAgainstGilGivesARatioWithItsIntervalAPValueAndAVerdict() {
        String threads = finished(primes("THREADS"));
        String gil = finished(primes("GIL"));

        Response compared = api.get("/api/v1/compare?ids=" + threads + "," + gil);

        assertThat(compared.status()).as(compared.body()).isEqualTo(200);
        JsonNode report = compared.json();
        assertThat(report.at("/experiments/0/id").asString()).isEqualTo(threads);
        assertThat(report.at("/experiments/1/id").asString()).isEqualTo(gil);
        assertThat(report.at("/experiments/1/spec/model").asString()).isEqualTo("GIL");
        assertThat(report.at("/experiments/1/spec/workload.params.size").asInt()).isEqualTo(20000);
        assertThat(report.at("/experiments/0/summary/wallMillis/n").asInt()).isEqualTo(5);
        assertThat(report.at("/experiments/0/partial").asBoolean()).isFalse();
        // The specs differ in the model and in what only GIL has: its switch interval.
        List<String> fields = new ArrayList<>();
        report.get("differences").forEach(d -> fields.add(d.get("field").asString()));
        assertThat(fields).containsExactly("model", "switchIntervalMillis");
        assertThat(report.at("/differences/0/values").toString()).isEqualTo("[\"THREADS\",\"GIL\"]");

        JsonNode versus = report.at("/comparisons/0");
        assertThat(versus.get("id").asString()).isEqualTo(gil);
        assertThat(versus.get("againstId").asString()).isEqualTo(threads);
        double ratio = versus.get("ratio").asDouble();
        // The ratio is of the medians the summaries show, within the rounding of three decimals.
        double medians = report.at("/experiments/1/summary/wallMillis/median").asDouble()
                / report.at("/experiments/0/summary/wallMillis/median").asDouble();
        assertThat(ratio).isCloseTo(medians, org.assertj.core.api.Assertions.within(0.002));
        assertThat(versus.get("ratioCi95Low").asDouble()).isLessThanOrEqualTo(ratio);
        assertThat(versus.get("ratioCi95High").asDouble()).isGreaterThanOrEqualTo(ratio);
        assertThat(versus.get("pValue").asDouble()).isBetween(0.0, 1.0);
        assertThat(versus.get("welchPValue").asDouble()).isBetween(0.0, 1.0);
        // Five runs a side: the rank test counts too, so the verdict rests on the larger p.
        assertThat(versus.get("pValue").asDouble()).isEqualTo(Math.max(versus.get("welchPValue").asDouble(),
                versus.get("mannWhitneyPValue").asDouble()));
        String verdict = versus.get("verdict").asString();
        if (versus.get("significant").asBoolean()) {
            assertThat(verdict).startsWith("cpu.primes on GIL is ").contains(ratio >= 1 ? "slower" : "faster")
                    .endsWith("than cpu.primes on THREADS (" + (versus.get("pValue").asDouble() < 0.001 ? "p < 0.001"
                            : String.format(java.util.Locale.ROOT, "p = %.3f", versus.get("pValue").asDouble())) + ")");
        } else {
            assertThat(verdict).startsWith("No significant difference at 5% between cpu.primes on GIL and "
                    + "cpu.primes on THREADS");
        }
        assertThat(codes(versus.get("warnings"))).doesNotContain("SPECS_DIFFER", "FEW_RUNS", "PARTIAL");
    }

    @Test
    void specsThatDifferInMoreThanTheModelAndTooFewRunsAreWarnedOf() {
        String a = finished("""
                {"model": "THREADS", "parallelism": 2, "tasks": 4, "warmups": 0, "repetitions": 2,
                 "workload": {"kind": "io.sleep", "params": {"millis": 5}}}""");
        String b = finished("""
                {"model": "FUTURES", "parallelism": 4, "tasks": 8, "warmups": 0, "repetitions": 2,
                 "workload": {"kind": "io.sleep", "params": {"millis": 5}}}""");
        String c = finished("""
                {"model": "THREADS", "parallelism": 2, "tasks": 4, "warmups": 0, "repetitions": 2,
                 "workload": {"kind": "io.sleep", "params": {"millis": 8}}}""");

        JsonNode report = api.get("/api/v1/compare?ids=" + a + "," + b + "," + c).json();

        assertThat(report.get("experiments")).hasSize(3);
        assertThat(report.get("comparisons")).hasSize(2);
        JsonNode futures = report.at("/comparisons/0");
        assertThat(futures.get("againstId").asString()).isEqualTo(a);
        assertThat(codes(futures.get("warnings"))).contains("SPECS_DIFFER", "FEW_RUNS");
        String differ = futures.get("warnings").valueStream().filter(w -> w.get("code").asString().equals("SPECS_DIFFER"))
                .findFirst().orElseThrow().get("message").asString();
        // FUTURES' own option (stages) is the model's, not a difference in the work.
        assertThat(differ).contains("parallelism 2 vs 4", "tasks 4 vs 8").doesNotContain("stages");
        assertThat(futures.get("warnings").toString()).contains("Only 2 measured runs");
        // Too few runs to settle it: how many would, when the runs spread at all.
        if (futures.has("repetitionsNeeded")) {
            assertThat(codes(futures.get("warnings"))).contains("MORE_RUNS_NEEDED");
            assertThat(futures.get("warnings").toString()).contains("About " + futures.get("repetitionsNeeded").asInt()
                    + " runs of each");
        }
        String sleep = report.at("/comparisons/1/warnings").valueStream()
                .filter(w -> w.get("code").asString().equals("SPECS_DIFFER"))
                .findFirst().orElseThrow().get("message").asString();
        assertThat(sleep).contains("workload.params.millis 5 vs 8");
    }

    @Test
    void aBadListOfIdsIsA400NamingIdsAndAnotherUsersExperimentA404LikeAMissingOne() {
        String mine = finished("""
                {"model": "SEQUENTIAL", "tasks": 1, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 1}}}""");
        String other = finished("""
                {"model": "THREADS", "parallelism": 2, "tasks": 2, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 1}}}""");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            many.add(UUID.randomUUID().toString());
        }
        for (String ids : List.of("", "ids=" + mine, "ids=" + String.join(",", many), "ids=" + mine + ",not-an-id",
                "ids=" + mine + "," + mine, "ids=" + mine + ",,")) {
            Response refused = api.get("/api/v1/compare?" + ids);
            assertThat(refused.status()).as(ids + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().at("/errors/0/field").asString()).isEqualTo("ids");
        }

        String running = api.submit("""
                {"model": "THREADS", "parallelism": 1, "tasks": 1, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 120}""");
        api.awaitStatus(running, "RUNNING", FINISH);
        Response unfinished = api.get("/api/v1/compare?ids=" + mine + "," + running);
        assertThat(unfinished.status()).isEqualTo(400);
        assertThat(unfinished.json().at("/errors/0/field").asString()).isEqualTo("ids");
        assertThat(unfinished.json().at("/errors/0/message").asString()).contains(running, "RUNNING");
        api.post("/api/v1/experiments/" + running + "/cancel", "");

        JsonNode student = api.post("/api/v1/users", "{\"name\": \"cmp-" + System.nanoTime() % 1_000_000
                + "\", \"role\": \"STUDENT\"}").json();
        LabApi asStudent = api.as(student.get("token").asString());
        String theirs = asStudent.submit("""
                {"model": "SEQUENTIAL", "tasks": 1, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 1}}}""");
        String missing = UUID.randomUUID().toString();
        // The admin's experiments are not the student's: they answer as a missing one does.
        Response notTheirs = asStudent.get("/api/v1/compare?ids=" + other + "," + theirs);
        Response none = asStudent.get("/api/v1/compare?ids=" + missing + "," + theirs);
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(notTheirs.contentType()).isEqualTo(none.contentType());
        assertThat(notTheirs.body().replace(other, "ID")).isEqualTo(none.body().replace(missing, "ID"));
    }
}
