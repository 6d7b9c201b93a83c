package org.concurrencylab.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.concurrencylab.support.LabApi;
import org.concurrencylab.support.LabApi.Response;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** People over real HTTP: who may make whom, and that a token stops working the moment it should. */
class UsersApiTest extends LabServerTest {

    private static final AtomicInteger NEXT = new AtomicInteger();

    /** A name no other test in this shared server used. */
    private static String unique(String stem) {
        return stem + "-" + NEXT.incrementAndGet() + "-" + System.nanoTime() % 100_000;
    }

    private JsonNode make(LabApi as, String name, String role) {
        Response made = as.post("/api/v1/users", "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return made.json();
    }

    @Test
    void noTokenOrAnUnknownOneIs401WithABearerChallenge() {
        Response none = api.as(null).get("/api/v1/experiments");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.json().get("status").asInt()).isEqualTo(401);

        Response unknown = api.as("not-a-token-of-this-lab-at-all-0123456789").get("/api/v1/me");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.header("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
        assertThat(unknown.body()).doesNotContain("Exception", "at org.");
    }

    @Test
    void meSaysWhoTheTokenBelongsTo() {
        JsonNode me = api.get("/api/v1/me").json();
        assertThat(me.get("name").asString()).isEqualTo("admin");
        assertThat(me.get("role").asString()).isEqualTo("ADMIN");
        assertThat(me.has("token")).isFalse();
    }

    @Test
    void aTeacherMakesStudentsOneAtATimeAndAsAClass() {
        JsonNode teacher = make(api, unique("teacher"), "TEACHER");
        LabApi asTeacher = api.as(teacher.get("token").asString());
        assertThat(teacher.get("token").asString()).hasSizeGreaterThanOrEqualTo(43);

        JsonNode student = make(asTeacher, unique("student"), "STUDENT");
        assertThat(student.get("teacherId").asString()).isEqualTo(teacher.get("id").asString());
        assertThat(api.as(student.get("token").asString()).get("/api/v1/me").json().get("role").asString())
                .isEqualTo("STUDENT");

        String prefix = unique("class");
        Response batch = asTeacher.post("/api/v1/users/batch", "{\"prefix\": \"" + prefix + "\", \"count\": 3}");
        assertThat(batch.status()).as(batch.body()).isEqualTo(201);
        List<String> names = batch.json().get("users").valueStream().map(u -> u.get("name").asString()).toList();
        assertThat(names).containsExactly(prefix + "-01", prefix + "-02", prefix + "-03");
        batch.json().get("users").forEach(u -> assertThat(u.get("token").asString()).isNotBlank());

        String first = unique("ada");
        String second = unique("grace");
        Response roster = asTeacher.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/users/batch"))
                .header("Content-Type", "application/json").header("Accept", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"names\": [\"" + first + "\", \"" + second + "\"]}"))
                .build());
        assertThat(roster.status()).as(roster.body()).isEqualTo(201);
        assertThat(roster.contentType()).startsWith("text/csv");
        List<String> lines = roster.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("name,token,id");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith(first + ",");
        String rosterToken = lines.get(2).split(",")[1];
        assertThat(api.as(rosterToken).get("/api/v1/me").json().get("name").asString()).isEqualTo(second);

        Response list = asTeacher.get("/api/v1/users");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("users").valueStream().map(u -> u.get("name").asString()))
                .hasSize(6).contains(student.get("name").asString(), prefix + "-02", second);
        assertThat(list.body()).doesNotContain("token", student.get("token").asString());
        assertThat(api.get("/api/v1/users").json().get("users").valueStream().map(u -> u.get("name").asString()))
                .contains("admin", teacher.get("name").asString(), second);
    }

    @Test
    void studentsManageNobodyAndTeachersMakeOnlyStudents() {
        JsonNode teacher = make(api, unique("teacher"), "TEACHER");
        LabApi asTeacher = api.as(teacher.get("token").asString());
        LabApi asStudent = api.as(make(asTeacher, unique("student"), "STUDENT").get("token").asString());

        Response student = asStudent.post("/api/v1/users", "{\"name\": \"" + unique("x") + "\", \"role\": \"STUDENT\"}");
        assertThat(student.status()).isEqualTo(403);
        assertThat(student.contentType()).startsWith("application/problem+json");
        assertThat(asStudent.get("/api/v1/users").status()).isEqualTo(403);
        assertThat(asStudent.post("/api/v1/users/batch", "{\"prefix\": \"x\", \"count\": 1}").status()).isEqualTo(403);

        Response teacherMakesTeacher = asTeacher.post("/api/v1/users",
                "{\"name\": \"" + unique("t") + "\", \"role\": \"TEACHER\"}");
        assertThat(teacherMakesTeacher.status()).isEqualTo(403);
        assertThat(teacherMakesTeacher.contentType()).startsWith("application/problem+json");
    }

    @Test
    void badInputIs400NamingTheFieldAndATakenNameIs409() {
        Response badName = api.post("/api/v1/users", "{\"name\": \"no spaces; please\", \"role\": \"STUDENT\"}");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.json().get("errors").get(0).get("field").asString()).isEqualTo("name");

        Response badRole = api.post("/api/v1/users", "{\"name\": \"someone\", \"role\": \"KING\"}");
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.json().get("errors").get(0).get("field").asString()).isEqualTo("role");

        Response tooMany = api.post("/api/v1/users/batch", "{\"prefix\": \"big\", \"count\": 100000}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("errors").get(0).get("field").asString()).isEqualTo("count");

        String name = unique("twin");
        make(api, name, "STUDENT");
        Response again = api.post("/api/v1/users", "{\"name\": \"" + name + "\", \"role\": \"STUDENT\"}");
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void aDeletedUsersTokenIsRefusedAtOnce() {
        JsonNode teacher = make(api, unique("teacher"), "TEACHER");
        LabApi asTeacher = api.as(teacher.get("token").asString());
        JsonNode student = make(asTeacher, unique("student"), "STUDENT");
        LabApi asStudent = api.as(student.get("token").asString());
        assertThat(asStudent.get("/api/v1/experiments").status()).isEqualTo(200);

        assertThat(asTeacher.delete("/api/v1/users/" + student.get("id").asString()).status()).isEqualTo(204);

        Response after = asStudent.get("/api/v1/experiments");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.header("WWW-Authenticate")).startsWith("Bearer");
        // Gone for its teacher too: a second delete finds nothing.
        assertThat(asTeacher.delete("/api/v1/users/" + student.get("id").asString()).status()).isEqualTo(404);
    }

    @Test
    void aTeacherCannotTouchAnotherTeachersStudents() {
        LabApi teacherA = api.as(make(api, unique("teacher"), "TEACHER").get("token").asString());
        LabApi teacherB = api.as(make(api, unique("teacher"), "TEACHER").get("token").asString());
        String studentOfA = make(teacherA, unique("student"), "STUDENT").get("id").asString();

        assertThat(teacherB.delete("/api/v1/users/" + studentOfA).status()).isEqualTo(404);
        assertThat(teacherB.post("/api/v1/users/" + studentOfA + "/token", "").status()).isEqualTo(404);
        assertThat(teacherB.get("/api/v1/users").body()).doesNotContain(studentOfA);
    }

    @Test
    void rotatingATokenGivesANewOneAndRefusesTheOld() {
        JsonNode user = make(api, unique("teacher"), "TEACHER");
        String old = user.get("token").asString();
        // In use just before: this node remembers who the token is (TokenCache), and must forget it.
        assertThat(api.as(old).get("/api/v1/me").status()).isEqualTo(200);

        Response rotated = api.post("/api/v1/users/" + user.get("id").asString() + "/token", "");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String fresh = rotated.json().get("token").asString();

        assertThat(fresh).isNotEqualTo(old);
        assertThat(api.as(old).get("/api/v1/me").status()).isEqualTo(401);
        assertThat(api.as(fresh).get("/api/v1/me").json().get("id").asString()).isEqualTo(user.get("id").asString());
    }
}
