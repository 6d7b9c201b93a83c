package org.concurrencylab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.lesson.Lessons;
import org.concurrencylab.support.LabApi;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What the pages do for their users, over real HTTP: a lesson runs as the student's own experiment
 * and is remembered as that lesson's; the form lists every model and shows the validator's refusals
 * at their fields; another student's work is a missing page everywhere; a teacher makes students
 * (tokens once, or as CSV) and sees the class's results for a lesson with the speedup spread.
 */
class PagesTest extends LabServerTest {

    private static final Duration FINISH = Duration.ofSeconds(90);

    @Autowired
    private Lessons lessons;

    @Test
    void homeListsEveryLessonWithItsRunButton() {
        PageClient browser = new PageClient(port).signedIn(LabApi.ADMIN_TOKEN);
        String home = browser.get("/").body();
        assertThat(home.split("data-testid=\"run-lesson\"", -1)).hasSize(lessons.all().size() + 1);
        lessons.all().forEach(lesson -> assertThat(home).contains("id=\"lesson-" + lesson.id() + "\""));
    }

    @Test
    void theFormListsEveryModelAndShowsARefusalAtItsField() {
        PageClient browser = new PageClient(port).signedIn(LabApi.ADMIN_TOKEN);
        String form = browser.get("/experiments/new").body();
        for (ExecutionModel model : ExecutionModel.values()) {
            assertThat(form).contains("<option value=\"" + model.name() + "\"");
        }
        assertThat(form).contains("name=\"param.cpu.primes.size\"").contains("name=\"option.GIL.switchIntervalMillis\"");

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("model", "PROCESSES");
        fields.put("workload", "sync.counter");
        fields.put("parallelism", "two");
        PageClient.Page refused = browser.post("/experiments/new", fields);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(fieldError(refused.body(), "field-model")).contains("sync.counter does not fit PROCESSES");
        assertThat(fieldError(refused.body(), "field-parallelism")).contains("must be a whole number, was &#39;two&#39;");
        assertThat(refused.body()).contains("value=\"two\"");

        fields.put("model", "THREADS");
        fields.put("workload", "io.sleep");
        fields.put("parallelism", "2");
        fields.put("tasks", "2");
        fields.put("param.io.sleep.millis", "5");
        fields.put("warmups", "0");
        fields.put("repetitions", "1");
        String id = PageClient.experimentId(browser.post("/experiments/new", fields));
        JsonNode made = api.awaitFinished(id, FINISH);
        assertThat(made.at("/workload/params/millis").asLong()).isEqualTo(5);
        assertThat(made.at("/owner/name").asString()).isEqualTo("admin");
    }

    @Test
    void aLessonRunsAsTheStudentsExperimentAndItsTeacherSeesTheClassResults() {
        JsonNode teacher = Accounts.make(api, "lesson-teacher", "TEACHER");
        LabApi asTeacher = api.as(teacher.get("token").asString());
        JsonNode student = Accounts.make(asTeacher, "lesson-student", "STUDENT");
        PageClient browser = new PageClient(port).signedIn(student.get("token").asString());

        String id = PageClient.experimentId(browser.post("/lessons/threads-io/run", Map.of()));
        JsonNode finished = api.awaitFinished(id, FINISH);
        assertThat(finished.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(finished.at("/owner/id").asString()).isEqualTo(student.get("id").asString());
        String page = browser.get("/experiments/" + id).body();
        assertThat(page).contains("data-testid=\"lesson-box\"").contains("data-testid=\"summary\"")
                .contains("data-testid=\"timeline\"").contains("data-key=\"speedup\"");
        assertThat(page).as("the lesson points at the speedup").contains("<div data-key=\"speedup\" class=\"focus\">");

        PageClient teacherPages = new PageClient(port).signedIn(teacher.get("token").asString());
        String results = teacherPages.get("/class/lessons/threads-io").body();
        assertThat(results).contains(student.get("name").asString()).contains("/experiments/" + id)
                .contains("data-testid=\"speedup-spread\"").contains("<title id=\"spread-title\">")
                .contains("speedup over the sequential baseline (x)").contains(">students</text>");
        // Another teacher's class results do not include this student.
        JsonNode other = Accounts.make(api, "other-teacher", "TEACHER");
        assertThat(new PageClient(port).signedIn(other.get("token").asString()).get("/class/lessons/threads-io").body())
                .doesNotContain(student.get("name").asString()).doesNotContain(id);
    }

    @Test
    void theComparePageJudgesEachFinishedExperimentAgainstTheFirst() {
        String spec = """
                {"model": "%s", "parallelism": 2, "tasks": 4, "warmups": 0, "repetitions": 3,
                 "workload": {"kind": "cpu.primes", "params": {"size": 20000}}}""";
        String threads = api.submit(spec.formatted("THREADS"));
        String gil = api.submit(spec.formatted("GIL"));
        api.awaitFinished(threads, FINISH);
        api.awaitFinished(gil, FINISH);

        String page = new PageClient(port).signedIn(LabApi.ADMIN_TOKEN)
                .get("/compare?id=" + threads + "&id=" + gil).body();

        assertThat(page).contains("data-testid=\"verdicts\"");
        String verdicts = page.substring(page.indexOf("data-testid=\"verdicts\""));
        assertThat(verdicts).containsPattern("<strong>\\d+\\.\\d{2}x</strong>")
                .containsPattern("(slower than|faster than|No significant difference|Cannot test)");
    }

    @Test
    void anotherStudentsExperimentIsAMissingPageEverywhere() {
        JsonNode teacher = Accounts.make(api, "own-teacher", "TEACHER");
        LabApi asTeacher = api.as(teacher.get("token").asString());
        LabApi asAda = api.as(Accounts.make(asTeacher, "ada", "STUDENT").get("token").asString());
        String grace = Accounts.make(asTeacher, "grace", "STUDENT").get("token").asString();
        String id = asAda.submit("""
                {"model": "THREADS", "parallelism": 2, "tasks": 2, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "io.sleep", "params": {"millis": 5}}}""");
        asAda.awaitFinished(id, FINISH);

        PageClient browser = new PageClient(port).signedIn(grace);
        for (String path : new String[] {"/experiments/" + id, "/experiments/" + id + "/runs.csv",
                "/experiments/" + id + "/timeline.svg", "/experiments/" + id + "/events", "/compare?id=" + id,
                "/experiments/new?from=" + id}) {
            PageClient.Page page = browser.get(path);
            assertThat(page.status()).as(path).isEqualTo(404);
            assertThat(page.body()).as(path).contains("Not found").contains("Signed in as").doesNotContain(id + "\"");
        }
        assertThat(browser.post("/experiments/" + id + "/again", Map.of()).status()).isEqualTo(404);
        assertThat(browser.post("/experiments/" + id + "/cancel", Map.of()).status()).isEqualTo(404);
        assertThat(browser.get("/experiments").body()).doesNotContain(id);
        assertThat(new PageClient(port).signedIn(teacher.get("token").asString()).get("/experiments/" + id).status())
                .isEqualTo(200);
    }

    @Test
    void aTeacherMakesStudentsAndGetsTheirTokensOnceOrAsCsv() {
        JsonNode teacher = Accounts.make(api, "roster-teacher", "TEACHER");
        PageClient browser = new PageClient(port).signedIn(teacher.get("token").asString());
        browser.get("/class");
        String prefix = "r" + System.nanoTime() % 1_000_000;

        PageClient.Page csv = browser.post("/class/students", Map.of("prefix", prefix, "count", "3", "download", "csv"));

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment").contains("roster.csv");
        String[] lines = csv.body().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("name,token,id");
        assertThat(lines[1]).startsWith(prefix + "-01,");
        String token = lines[1].split(",")[1];
        assertThat(new PageClient(port).signIn(token).location()).doesNotContain("error");

        browser.get("/class");
        PageClient.Page shown = browser.post("/class/students", Map.of("names", "x" + prefix));
        assertThat(shown.body()).contains("New tokens: hand them out now").contains("x" + prefix);
        assertThat(browser.get("/class").body()).contains(prefix + "-03").doesNotContain(token);

        PageClient.Page bad = browser.post("/class/students", Map.of("prefix", prefix, "count", "many"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(fieldErrorAfter(bad.body(), "id=\"count\"")).contains("must be a whole number");
    }

    @Test
    void aStudyPageShowsItsChartTableAndCsv() {
        LabApi.Response submitted = api.post("/api/v1/studies", """
                {"name": "page study", "workload": {"kind": "io.sleep", "params": {"millis": 5}},
                 "models": ["THREADS"], "parallelism": [1, 2], "tasks": 2, "warmups": 0, "repetitions": 1}""");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String id = submitted.json().get("id").asString();
        org.awaitility.Awaitility.await().atMost(FINISH).until(() ->
                api.get("/api/v1/studies/" + id).json().get("status").asString().equals("SUCCEEDED"));

        PageClient browser = new PageClient(port).signedIn(LabApi.ADMIN_TOKEN);
        String page = browser.get("/studies/" + id).body();
        assertThat(page).contains("page study").contains("data-testid=\"study-chart\"").contains("<svg")
                .contains("data-testid=\"study-table\"").contains("2 of 2 cells done");
        assertThat(browser.get("/studies?model=THREADS").body()).contains("/studies/" + id);
        PageClient.Page csv = browser.get("/studies/" + id + "/results.csv");
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body().lines().count()).isEqualTo(3);
    }

    @Test
    void theStudyFormShowsRefusalsAtTheirFieldsAndRunsTheStudy() {
        PageClient browser = new PageClient(port).signedIn(LabApi.ADMIN_TOKEN);
        String form = browser.get("/studies/new").body();
        for (ExecutionModel model : ExecutionModel.values()) {
            assertThat(form).contains("name=\"model." + model.name() + "\"");
        }
        assertThat(form).contains("name=\"param.cpu.primes.size\"").contains("value=\"1, 2, 4\"");
        assertThat(browser.get("/studies").body()).contains("href=\"/studies/new\"");

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("model.EVENT_LOOP", "true");
        fields.put("workload", "io.file");
        fields.put("parallelism", "1, two");
        PageClient.Page unreadable = browser.post("/studies/new", fields);
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(fieldError(unreadable.body(), "field-parallelism")).contains("must be a whole number, was &#39;two&#39;");

        fields.put("parallelism", "1, 2");
        PageClient.Page refused = browser.post("/studies/new", fields);
        assertThat(refused.status()).isEqualTo(400);
        // The cell check of POST /api/v1/studies, shown at the models.
        assertThat(fieldError(refused.body(), "field-models")).contains("io.file");
        assertThat(refused.body()).contains("value=\"1, 2\"");

        fields.remove("model.EVENT_LOOP");
        fields.put("name", "form study");
        fields.put("model.THREADS", "true");
        fields.put("workload", "io.sleep");
        fields.put("param.io.sleep.millis", "5");
        fields.put("tasks", "2");
        fields.put("warmups", "0");
        fields.put("repetitions", "1");
        PageClient.Page made = browser.post("/studies/new", fields);
        assertThat(made.status()).as(made.body()).isEqualTo(302);
        String id = String.valueOf(made.location()).replaceAll(".*/studies/", "");
        org.awaitility.Awaitility.await().atMost(FINISH).until(() ->
                api.get("/api/v1/studies/" + id).json().get("status").asString().equals("SUCCEEDED"));
        JsonNode study = api.get("/api/v1/studies/" + id).json();
        assertThat(study.get("name").asString()).isEqualTo("form study");
        assertThat(study.at("/owner/name").asString()).isEqualTo("admin");
        assertThat(study.at("/progress/total").asInt()).isEqualTo(2);
        assertThat(study.get("table")).hasSize(2);
    }

    /** The error shown inside the form field with this id. */
    private static String fieldError(String html, String fieldId) {
        int field = html.indexOf("id=\"" + fieldId + "\"");
        assertThat(field).as("field " + fieldId).isPositive();
        return fieldErrorAfter(html.substring(field), "");
    }

    private static String fieldErrorAfter(String html, String marker) {
        int from = html.indexOf(marker);
        int error = html.indexOf("class=\"field-error\"", from);
        int nextField = html.indexOf("class=\"field", from + marker.length() + 1);
        assertThat(error).as("an error in the field").isBetween(0, nextField < 0 ? Integer.MAX_VALUE : nextField);
        return html.substring(error, html.indexOf("</p>", error));
    }
}
