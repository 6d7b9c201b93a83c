package org.concurrencylab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.concurrencylab.support.LabApi;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The pages' session over real HTTP (Tomcat sets the cookie): signing in with a token, the cookie's
 * attributes, a new session id at sign-in, CSRF on every form, a replaced token or removed user ending
 * the session, signing out, and the API staying bearer-only whatever cookie comes along.
 */
class PageSessionTest extends LabServerTest {

    @Test
    void aGoodTokenSignsInWithANewSessionIdInACookieScriptsCannotRead() {
        PageClient browser = new PageClient(port);
        assertThat(browser.get("/").location()).endsWith("/signin");
        PageClient.Page form = browser.get("/signin");
        assertThat(form.body()).contains("data-testid=\"token\"").contains("name=\"_csrf\"");
        String before = browser.sessionId();

        PageClient.Page answer = browser.post("/signin", Map.of("token", LabApi.ADMIN_TOKEN));

        assertThat(answer.status()).isEqualTo(302);
        // Back to the page that sent it to sign in (Spring Security marks the saved request with ?continue).
        assertThat(URI.create(answer.location()).getPath()).isEqualTo("/");
        String cookie = answer.header("Set-Cookie");
        assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Lax")
                .doesNotContain(LabApi.ADMIN_TOKEN);
        assertThat(browser.sessionId()).as("session fixation: a new id at sign-in").isNotEqualTo(before);
        PageClient.Page home = browser.get("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("Signed in as <strong>admin</strong>").doesNotContain(LabApi.ADMIN_TOKEN);
    }

    @Test
    void aWrongTokenIsRefusedWithAClearMessage() {
        PageClient browser = new PageClient(port);
        PageClient.Page answer = browser.signIn("not-a-token-of-anyone-0123456789abcdef");

        assertThat(answer.location()).endsWith("/signin?error=token");
        PageClient.Page page = browser.get("/signin?error=token");
        assertThat(page.body()).contains("data-testid=\"sign-in-error\"").contains("That token is not valid")
                .doesNotContain("Exception");
        assertThat(browser.get("/").location()).endsWith("/signin");
    }

    @Test
    void aMetricsTokenHasNoPages() {
        String metrics = Accounts.make(api, "scraper", "METRICS").get("token").asString();
        PageClient browser = new PageClient(port);
        assertThat(browser.signIn(metrics).location()).endsWith("/signin?error=role");
        assertThat(browser.get("/signin?error=role").body()).contains("metrics scraper");
    }

    @Test
    void formsWithoutTheirCsrfTokenAreRefusedAndChangeNothing() {
        PageClient anonymous = new PageClient(port);
        anonymous.get("/signin");
        assertThat(anonymous.postRaw("/signin", Map.of("token", LabApi.ADMIN_TOKEN)).status()).isEqualTo(403);

        JsonNode student = Accounts.make(api, "csrf-student", "STUDENT");
        PageClient browser = new PageClient(port).signedIn(student.get("token").asString());
        PageClient.Page refused = browser.postRaw("/lessons/threads-io/run", Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("The form had expired");
        PageClient.Page forged = browser.postRaw("/lessons/threads-io/run", Map.of("_csrf", "forged"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(api.as(student.get("token").asString()).get("/api/v1/experiments").json().get("totalItems").asLong())
                .isZero();
    }

    @Test
    void theSessionCookieOpensNoApiCall() throws Exception {
        PageClient browser = new PageClient(port).signedIn(LabApi.ADMIN_TOKEN);
        HttpClient http = HttpClient.newHttpClient();
        for (String path : new String[] {"/api/v1/me", "/api/v1/experiments", "/api/v1/users"}) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Cookie", "JSESSIONID=" + browser.sessionId()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    void aReplacedTokenEndsTheSessionOnTheNextPage() {
        JsonNode student = Accounts.make(api, "rotated", "STUDENT");
        PageClient browser = new PageClient(port).signedIn(student.get("token").asString());
        assertThat(browser.get("/experiments").status()).isEqualTo(200);

        assertThat(api.post("/api/v1/users/" + student.get("id").asString() + "/token", "").status()).isEqualTo(200);

        assertThat(browser.get("/experiments").location()).endsWith("/signin?ended");
        assertThat(browser.get("/signin?ended").body()).contains("You were signed out");
        assertThat(browser.get("/").location()).as("the session is gone, not only refused once").endsWith("/signin");
    }

    @Test
    void aRemovedUsersSessionEnds() {
        JsonNode student = Accounts.make(api, "removed", "STUDENT");
        PageClient browser = new PageClient(port).signedIn(student.get("token").asString());

        assertThat(api.delete("/api/v1/users/" + student.get("id").asString()).status()).isEqualTo(204);

        assertThat(browser.get("/").location()).endsWith("/signin?ended");
    }

    @Test
    void signingOutEndsTheSession() {
        PageClient browser = new PageClient(port).signedIn(LabApi.ADMIN_TOKEN);
        PageClient.Page out = browser.post("/signout", Map.of());
        assertThat(out.location()).endsWith("/signin?signedout");
        assertThat(browser.get("/").location()).endsWith("/signin");
    }

    @Test
    void eachRoleOpensOnlyItsPages() {
        JsonNode teacher = Accounts.make(api, "role-teacher", "TEACHER");
        JsonNode student = Accounts.make(api.as(teacher.get("token").asString()), "role-student", "STUDENT");
        PageClient asStudent = new PageClient(port).signedIn(student.get("token").asString());
        assertThat(asStudent.get("/class").status()).isEqualTo(403);
        assertThat(asStudent.get("/admin/users").status()).isEqualTo(403);
        assertThat(asStudent.get("/class").body()).contains("Not allowed");
        PageClient asTeacher = new PageClient(port).signedIn(teacher.get("token").asString());
        assertThat(asTeacher.get("/class").status()).isEqualTo(200);
        assertThat(asTeacher.get("/admin/users").status()).isEqualTo(403);
        assertThat(new PageClient(port).signedIn(LabApi.ADMIN_TOKEN).get("/admin/users").status()).isEqualTo(200);
    }
}
