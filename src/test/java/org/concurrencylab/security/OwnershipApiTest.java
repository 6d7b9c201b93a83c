package org.concurrencylab.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.concurrencylab.support.LabApi;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Whose work is whose, over real HTTP: another student's experiment or study answers exactly like
 * one that does not exist on every route that takes an id, and is absent from lists; the student's
 * teacher and the admins see it; shared work is readable by everyone and changeable only by its
 * owner, the owner's teacher and admins.
 */
class OwnershipApiTest extends LabServerTest {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final Duration FINISH = Duration.ofSeconds(60);

    private static final String QUICK = """
            {"model": "THREADS", "parallelism": 2, "tasks": 2, "warmups": 0, "repetitions": 1,
             "workload": {"kind": "io.sleep", "params": {"millis": 5}}}""";
    private static final String LONG = """
            {"model": "THREADS", "parallelism": 2, "tasks": 2, "warmups": 0, "repetitions": 1,
             "workload": {"kind": "io.sleep", "params": {"millis": 60000}}, "timeLimitSeconds": 120}""";
    private static final String STUDY = """
            {"workload": {"kind": "io.sleep", "params": {"millis": 5}}, "models": ["THREADS"], "parallelism": [1],
             "tasks": 2, "warmups": 0, "repetitions": 1}""";

    /** A teacher, two students of its class, and a teacher of another class. */
    private JsonNode teacher;
    private JsonNode student;
    private LabApi asTeacher;
    private LabApi asStudent;
    private LabApi asClassmate;
    private LabApi asOtherTeacher;

    @BeforeEach
    void aClass() {
        teacher = make(api, "teacher", "TEACHER");
        asTeacher = api.as(teacher.get("token").asString());
        student = make(asTeacher, "ada", "STUDENT");
        asStudent = api.as(student.get("token").asString());
        asClassmate = api.as(make(asTeacher, "grace", "STUDENT").get("token").asString());
        asOtherTeacher = api.as(make(api, "other-teacher", "TEACHER").get("token").asString());
    }

    @Test
    void anotherStudentsExperimentIsNotFoundOnEveryRouteAndAbsentFromLists() {
        String id = asStudent.submit(QUICK);
        JsonNode finished = asStudent.awaitFinished(id, FINISH);
        assertThat(finished.at("/owner/id").asString()).isEqualTo(student.get("id").asString());
        assertThat(finished.at("/owner/name").asString()).isEqualTo(student.get("name").asString());
        assertThat(finished.at("/owner").has("teacherId")).isFalse();
        assertThat(finished.get("shared").asBoolean()).isFalse();

        for (LabApi stranger : List.of(asClassmate, asOtherTeacher)) {
            assertAsIfMissing(stranger, id, UUID.randomUUID().toString(), experimentRoutes());
            assertThat(listedIds(stranger, "")).doesNotContain(id);
            assertThat(listedIds(stranger, "?owner=" + student.get("id").asString())).isEmpty();
        }

        for (LabApi allowed : List.of(asStudent, asTeacher, api)) {
            assertThat(allowed.get("/api/v1/experiments/" + id).status()).isEqualTo(200);
            assertThat(allowed.get("/api/v1/experiments/" + id + "/runs.csv").status()).isEqualTo(200);
            assertThat(allowed.get("/api/v1/experiments/" + id + "/timeline.svg").status()).isEqualTo(200);
            assertThat(allowed.get("/api/v1/experiments/" + id + "/events").status()).isEqualTo(200);
            assertThat(listedIds(allowed, "")).contains(id);
            assertThat(listedIds(allowed, "?owner=" + student.get("id").asString())).containsExactly(id);
        }
        JsonNode item = asTeacher.get("/api/v1/experiments?owner=" + student.get("id").asString()).json()
                .at("/items/0");
        assertThat(item.at("/owner/name").asString()).isEqualTo(student.get("name").asString());
        assertThat(item.get("shared").asBoolean()).isFalse();
    }

    @Test
    void sharedWorkIsReadableByAllButChangeableOnlyByItsOwnerTheTeacherAndAdmins() {
        String id = asStudent.submit(LONG);
        Response shared = asStudent.patch("/api/v1/experiments/" + id, "{\"shared\": true}");
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);
        assertThat(shared.json().get("shared").asBoolean()).isTrue();

        for (LabApi reader : List.of(asClassmate, asOtherTeacher)) {
            assertThat(reader.get("/api/v1/experiments/" + id).status()).isEqualTo(200);
            assertThat(listedIds(reader, "")).contains(id);
            Response cancel = reader.post("/api/v1/experiments/" + id + "/cancel", "");
            assertThat(cancel.status()).isEqualTo(403);
            assertThat(cancel.contentType()).startsWith("application/problem+json");
            assertThat(cancel.json().get("detail").asString()).contains("only its owner");
            assertThat(reader.patch("/api/v1/experiments/" + id, "{\"shared\": false}").status()).isEqualTo(403);
            Response delete = reader.delete("/api/v1/experiments/" + id);
            assertThat(delete.status()).isEqualTo(403);
            assertThat(delete.json().get("detail").asString()).contains("only its owner", "delete");
        }
        assertThat(asStudent.experiment(id).get("status").asString()).isIn("QUEUED", "RUNNING");

        Response cancelled = asTeacher.post("/api/v1/experiments/" + id + "/cancel", "");
        assertThat(cancelled.status()).as(cancelled.body()).isIn(200, 202);
        asStudent.awaitStatus(id, "CANCELLED", FINISH);

        assertThat(asStudent.patch("/api/v1/experiments/" + id, "{\"shared\": false}").status()).isEqualTo(200);
        assertThat(asClassmate.get("/api/v1/experiments/" + id).status()).isEqualTo(404);
        assertThat(asStudent.patch("/api/v1/experiments/" + id, "{}").status()).isEqualTo(400);

        String own = asStudent.submit(LONG);
        assertThat(asStudent.post("/api/v1/experiments/" + own + "/cancel", "").status()).isIn(200, 202);
        asStudent.awaitStatus(own, "CANCELLED", FINISH);
    }

    @Test
    void aStudyAndItsCellsAreTheirOwnersLikewise() {
        Response submitted = asStudent.post("/api/v1/studies", STUDY);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        JsonNode study = submitted.json();
        String id = study.get("id").asString();
        String cell = study.at("/table/0/experimentId").asString();
        assertThat(study.at("/owner/id").asString()).isEqualTo(student.get("id").asString());
        assertThat(study.get("shared").asBoolean()).isFalse();
        assertThat(asStudent.experiment(cell).at("/owner/id").asString()).isEqualTo(student.get("id").asString());

        assertAsIfMissing(asClassmate, id, UUID.randomUUID().toString(), studyRoutes());
        assertAsIfMissing(asClassmate, cell, UUID.randomUUID().toString(), experimentRoutes());
        assertThat(listedIds(asClassmate, "")).doesNotContain(cell);
        for (LabApi allowed : List.of(asTeacher, api)) {
            assertThat(allowed.get("/api/v1/studies/" + id).status()).isEqualTo(200);
            assertThat(allowed.get("/api/v1/experiments/" + cell).status()).isEqualTo(200);
        }

        Response shared = asStudent.patch("/api/v1/studies/" + id, "{\"shared\": true}");
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);
        assertThat(shared.json().get("shared").asBoolean()).isTrue();
        assertThat(asClassmate.get("/api/v1/studies/" + id).status()).isEqualTo(200);
        assertThat(asClassmate.get("/api/v1/studies/" + id + "/results.csv").status()).isEqualTo(200);
        assertThat(asClassmate.get("/api/v1/experiments/" + cell).json().get("shared").asBoolean()).isTrue();
        assertThat(asClassmate.post("/api/v1/studies/" + id + "/cancel", "").status()).isEqualTo(403);
        assertThat(asClassmate.patch("/api/v1/studies/" + id, "{\"shared\": false}").status()).isEqualTo(403);
        assertThat(asClassmate.delete("/api/v1/studies/" + id).status()).isEqualTo(403);
        assertThat(asClassmate.get("/api/v1/studies/" + id).status()).isEqualTo(200);

        assertThat(asTeacher.post("/api/v1/studies/" + id + "/cancel", "").status()).isEqualTo(200);
        // The owner's teacher may delete it too, cells and all.
        assertThat(asTeacher.delete("/api/v1/studies/" + id).status()).isEqualTo(204);
        assertThat(asStudent.get("/api/v1/studies/" + id).status()).isEqualTo(404);
        assertThat(asStudent.get("/api/v1/experiments/" + cell).status()).isEqualTo(404);
    }

    @Test
    void theStudyListShowsEachUserOnlyTheStudiesItMaySee() {
        Response submitted = asStudent.post("/api/v1/studies", STUDY);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String id = submitted.json().get("id").asString();
        String owner = student.get("id").asString();

        for (LabApi stranger : List.of(asClassmate, asOtherTeacher)) {
            assertThat(listedStudyIds(stranger, "")).doesNotContain(id);
            assertThat(listedStudyIds(stranger, "?owner=" + owner)).isEmpty();
            assertThat(stranger.get("/api/v1/studies?owner=" + owner).json().get("totalItems").asLong()).isZero();
        }
        for (LabApi allowed : List.of(asStudent, asTeacher, api)) {
            assertThat(listedStudyIds(allowed, "")).contains(id);
            assertThat(listedStudyIds(allowed, "?owner=" + owner)).containsExactly(id);
        }
        JsonNode item = asTeacher.get("/api/v1/studies?owner=" + owner).json().at("/items/0");
        assertThat(item.at("/owner/name").asString()).isEqualTo(student.get("name").asString());
        assertThat(item.at("/owner").has("teacherId")).isFalse();
        assertThat(item.get("shared").asBoolean()).isFalse();

        assertThat(asStudent.patch("/api/v1/studies/" + id, "{\"shared\": true}").status()).isEqualTo(200);
        assertThat(listedStudyIds(asClassmate, "")).contains(id);
        assertThat(listedStudyIds(asOtherTeacher, "?owner=" + owner)).containsExactly(id);
        assertThat(asClassmate.get("/api/v1/studies?owner=" + owner).json().at("/items/0/shared").asBoolean())
                .isTrue();
    }

    /** Every route that takes an experiment's id, as a request for that id. */
    private static List<Function<String, Function<LabApi, Response>>> experimentRoutes() {
        return List.of(
                id -> as -> as.get("/api/v1/experiments/" + id),
                id -> as -> as.post("/api/v1/experiments/" + id + "/cancel", ""),
                id -> as -> as.get("/api/v1/experiments/" + id + "/events"),
                id -> as -> as.get("/api/v1/experiments/" + id + "/timeline.svg"),
                id -> as -> as.get("/api/v1/experiments/" + id + "/runs.csv"),
                id -> as -> as.get("/api/v1/experiments/" + id + "/jmh.json"),
                // Compared with an id nobody has: the first unknown id is the one the 404 names.
                id -> as -> as.get("/api/v1/compare?ids=" + id + "," + UUID.randomUUID()),
                id -> as -> as.patch("/api/v1/experiments/" + id, "{\"shared\": true}"),
                id -> as -> as.delete("/api/v1/experiments/" + id));
    }

    /** Every route that takes a study's id. */
    private static List<Function<String, Function<LabApi, Response>>> studyRoutes() {
        return List.of(
                id -> as -> as.get("/api/v1/studies/" + id),
                id -> as -> as.post("/api/v1/studies/" + id + "/cancel", ""),
                id -> as -> as.get("/api/v1/studies/" + id + "/events"),
                id -> as -> as.get("/api/v1/studies/" + id + "/results.csv"),
                id -> as -> as.get("/api/v1/studies/" + id + "/chart.svg"),
                id -> as -> as.patch("/api/v1/studies/" + id, "{\"shared\": true}"),
                id -> as -> as.delete("/api/v1/studies/" + id));
    }

    /** 404 on each route, with the body a made-up id gets (the id itself aside). */
    private static void assertAsIfMissing(LabApi as, String id, String missing,
            List<Function<String, Function<LabApi, Response>>> routes) {
        for (Function<String, Function<LabApi, Response>> route : routes) {
            Response theirs = route.apply(id).apply(as);
            Response none = route.apply(missing).apply(as);
            assertThat(theirs.status()).as(theirs.raw().uri() + ": " + theirs.body()).isEqualTo(404);
            assertThat(theirs.contentType()).isEqualTo(none.contentType());
            assertThat(theirs.body().replace(id, "ID")).isEqualTo(none.body().replace(missing, "ID"));
        }
    }

    private static List<String> listedIds(LabApi as, String query) {
        return as.get("/api/v1/experiments" + query + (query.isEmpty() ? "?" : "&") + "size=100").json().get("items")
                .valueStream().map(item -> item.get("id").asString()).toList();
    }

    private static List<String> listedStudyIds(LabApi as, String query) {
        return as.get("/api/v1/studies" + query + (query.isEmpty() ? "?" : "&") + "size=100").json().get("items")
                .valueStream().map(item -> item.get("id").asString()).toList();
    }

    private static JsonNode make(LabApi as, String stem, String role) {
        String name = stem + "-" + NEXT.incrementAndGet() + "-" + System.nanoTime() % 100_000;
        Response made = as.post("/api/v1/users", "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return made.json();
    }
}
