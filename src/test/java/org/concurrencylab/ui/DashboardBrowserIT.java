package org.concurrencylab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.concurrencylab.core.ExecutionModel;
import org.concurrencylab.lesson.Lessons;
import org.concurrencylab.support.LabApi;
import org.concurrencylab.support.LabServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard in a real browser: Debian's Chromium driven through Debian's chromedriver (never a
 * downloaded one; skipped where either is missing, .ci/run installs both). A student signs in (a
 * wrong token first), runs the first lesson to SUCCEEDED in the page, meets a form error at its field,
 * and never sees a classmate's experiment; the teacher sees the class's results. Every page fetches
 * nothing from another host and logs no script error. Screenshots go to target/screenshots (and to
 * -Ddashboard.screenshots=docs/screenshots for the README).
 */
class DashboardBrowserIT extends LabServerTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration FINISH = Duration.ofSeconds(120);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private Lessons lessons;

    private ChromeDriver browser;
    private final List<String> consoleErrors = new ArrayList<>();
    private final List<String> requestedUrls = new ArrayList<>();
    /** Pages the test makes the lab refuse on purpose: Chrome logs their 4xx status as a console error. */
    private final List<String> refusedOnPurpose = new ArrayList<>();

    @BeforeEach
    void startBrowser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is not installed; skipping browser tests");
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), CHROMEDRIVER + " is not installed (Debian package "
                + "chromium-driver); skipping browser tests");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--lang=en-GB",
                // No name resolves but the lab's own address: a fetch from elsewhere fails, and shows.
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aStudentRunsTheFirstLessonAndTheTeacherSeesTheClass() throws IOException {
        JsonNode teacher = Accounts.make(api, "browser-teacher", "TEACHER");
        LabApi asTeacher = api.as(teacher.get("token").asString());
        JsonNode ada = Accounts.make(asTeacher, "ada", "STUDENT");
        LabApi asGrace = api.as(Accounts.make(asTeacher, "grace", "STUDENT").get("token").asString());
        String graces = asGrace.submit("""
                {"name": "grace's private run", "model": "THREADS", "parallelism": 2, "tasks": 2, "warmups": 0,
                 "repetitions": 1, "workload": {"kind": "io.sleep", "params": {"millis": 5}}}""");

        open("/");
        assertThat(browser.getCurrentUrl()).endsWith("/signin");
        screenshot("signin");
        signIn("this-is-not-anyones-token-0123456789");
        assertThat(text("[data-testid=sign-in-error]")).contains("That token is not valid");
        signIn(ada.get("token").asString());

        List<WebElement> runButtons = browser.findElements(By.cssSelector("[data-testid=run-lesson]"));
        assertThat(runButtons).hasSize(lessons.all().size());
        assertThat(browser.findElements(By.cssSelector("[data-testid=lesson] h2")).getFirst().getText())
                .contains(lessons.all().getFirst().title());
        screenshot("home");
        clickAndLoad(By.cssSelector("[data-testid=run-lesson]"));

        awaitStatus("SUCCEEDED");
        assertThat(browser.findElement(By.cssSelector("[data-testid=summary]")).isDisplayed()).isTrue();
        assertThat(text("[data-testid=summary]")).contains("Speedup over the sequential baseline");
        WebElement timeline = browser.findElement(By.cssSelector("[data-testid=timeline] svg"));
        assertThat(timeline.isDisplayed()).isTrue();
        assertThat(timeline.getSize().getHeight()).isPositive();
        assertThat(text("[data-testid=lesson-box]")).contains(lessons.all().getFirst().title());
        assertThat(browser.findElement(By.cssSelector("[data-key=speedup]")).getAttribute("class")).contains("focus");
        screenshot("experiment");

        // Under GIL the timeline shows who held the lock when, one thread at a time.
        open("/");
        int gil = lessons.all().indexOf(lessons.byId("gil-cpu").orElseThrow());
        WebElement gilButton = browser.findElements(By.cssSelector("[data-testid=run-lesson]")).get(gil);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", gilButton);
        loadAfter(gilButton::click);
        awaitStatus("SUCCEEDED");
        assertThat(browser.findElements(By.cssSelector("[data-testid=timeline] rect.gil-hold"))).isNotEmpty();
        screenshot("gil-experiment");

        clickAndLoad(By.cssSelector("[data-testid=new-experiment]"));
        List<String> models = new Select(browser.findElement(By.cssSelector("[data-testid=model]"))).getOptions()
                .stream().map(WebElement::getText).toList();
        assertThat(models).containsExactly(java.util.Arrays.stream(ExecutionModel.values()).map(Enum::name)
                .toArray(String[]::new));
        new Select(browser.findElement(By.cssSelector("[data-testid=model]"))).selectByValue("PROCESSES");
        new Select(browser.findElement(By.cssSelector("[data-testid=workload]"))).selectByValue("sync.counter");
        assertThat(browser.findElement(By.id("option-PROCESSES-chunkSize")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("option-GIL-switchIntervalMillis")).isDisplayed()).isFalse();
        refusedOnPurpose.add(base() + "/experiments/new");
        clickAndLoad(By.cssSelector("[data-testid=submit]"));
        assertThat(text("#field-model .field-error")).contains("sync.counter does not fit PROCESSES");
        screenshot("form-error");

        // The study form shows only the chosen workload's params, as the experiment form does.
        open("/studies/new");
        new Select(browser.findElement(By.cssSelector("[data-testid=workload]"))).selectByValue("io.sleep");
        assertThat(browser.findElement(By.cssSelector("[name='param.io.sleep.millis']")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector("[name='param.cpu.primes.size']")).isDisplayed()).isFalse();
        screenshot("study-new");

        open("/experiments");
        assertThat(browser.getPageSource()).doesNotContain(graces).doesNotContain("grace's private run");
        screenshot("experiments");
        refusedOnPurpose.add(base() + "/experiments/" + graces);
        open("/experiments/" + graces);
        assertThat(text("h1")).isEqualTo("Not found");
        assertThat(browser.getPageSource()).doesNotContain("grace's private run");

        clickAndLoad(By.cssSelector(".signout button"));
        signIn(teacher.get("token").asString());
        open("/class/lessons/" + lessons.all().getFirst().id());
        assertThat(text("[data-testid=class-results]")).contains(ada.get("name").asString()).contains("SUCCEEDED");
        WebElement spread = browser.findElement(By.cssSelector("[data-testid=speedup-spread] svg"));
        assertThat(spread.isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector("[data-testid=speedup-spread] circle.student"))).hasSize(1);
        screenshot("class-lesson");
        open("/class");
        screenshot("class");

        browser.manage().window().setSize(new Dimension(390, 844));
        open("/");
        screenshot("home-phone");

        assertNothingFetchedElsewhereAndNoScriptErrors();
    }

    private void open(String path) {
        collectLogs();
        browser.get(base() + path);
    }

    private void signIn(String token) {
        collectLogs();
        WebElement input = browser.findElement(By.cssSelector("[data-testid=token]"));
        input.clear();
        input.sendKeys(token);
        clickAndLoad(By.cssSelector("[data-testid=sign-in]"));
    }

    /** Clicks what leads to another page, and waits until that page has loaded. */
    private void clickAndLoad(By what) {
        WebElement target = browser.findElement(what);
        loadAfter(target::click);
    }

    /**
     * Does what leads to another page, and waits until that page has loaded: the old page is marked
     * in its window object, which a new document does not have. (Asking the old page's elements
     * whether they are gone failed now and then: Chrome answers a half-torn-down page with errors
     * other than a stale element.)
     */
    private void loadAfter(Runnable navigation) {
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        js.executeScript("window.__labOldPage = true");
        navigation.run();
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(js.executeScript(
                        "return window.__labOldPage === undefined && document.readyState === 'complete'")));
    }

    /**
     * The live page shows the final status, then reloads so the server renders the results: an element found a
     * moment ago may be gone, so look again until the reloaded page with its summary is there.
     */
    private void awaitStatus(String status) {
        new WebDriverWait(browser, FINISH).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> status.equals(text("[data-testid=status]"))
                        && !d.findElements(By.cssSelector("[data-testid=summary]")).isEmpty()
                        && "complete".equals(((org.openqa.selenium.JavascriptExecutor) d)
                                .executeScript("return document.readyState")));
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Keeps the page's console errors and the URLs it requested before the next navigation drops them. */
    private void collectLogs() {
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            boolean onPurpose = refusedOnPurpose.stream().anyMatch(refused -> entry.getMessage().startsWith(
                    refused + " - Failed to load resource: the server responded with a status of 4"));
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !onPurpose) {
                consoleErrors.add(entry.getMessage());
            }
        }
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            if ("Network.requestWillBeSent".equals(message.path("method").asString())) {
                requestedUrls.add(message.path("params").path("request").path("url").asString());
            }
        }
    }

    private void assertNothingFetchedElsewhereAndNoScriptErrors() {
        collectLogs();
        assertThat(requestedUrls).isNotEmpty();
        assertThat(requestedUrls).allSatisfy(url -> {
            URI uri = URI.create(url);
            if (uri.getScheme().startsWith("http")) {
                assertThat(uri.getHost()).as(url).isEqualTo("127.0.0.1");
            } else {
                assertThat(uri.getScheme()).as(url).isIn("data", "blob");
            }
        });
        assertThat(consoleErrors).as("severe console messages").isEmpty();
    }

    private void screenshot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
        Files.createDirectories(dir);
        Path png = dir.resolve("dashboard-" + name + ".png");
        // The whole page, not only the window: the window grows to the page's height for the picture.
        Dimension window = browser.manage().window().getSize();
        long height = (Long) browser.executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(Math.max(height,
                window.getHeight()), 4000)));
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), png, StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(window);
        String published = System.getProperty("dashboard.screenshots");
        if (published != null && !published.isBlank()) {
            Path to = Path.of(published);
            Files.createDirectories(to);
            Files.copy(png, to.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

}
