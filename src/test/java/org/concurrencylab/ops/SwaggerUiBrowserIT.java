package org.concurrencylab.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser renders Swagger UI: only if its JavaScript runs and loads /v3/api-docs does the
 * page contain operation blocks. Skipped where Chromium is not installed (.ci/run installs it).
 */
class SwaggerUiBrowserIT extends OpsIntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path work;

    // Per test rather than per class, so that each one is reported as skipped.
    @BeforeEach
    void requireChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is not installed; skipping browser tests");
    }

    @Test
    void rendersTheExperimentOperationsFromTheApiDocs() {
        ExternalProcess.Finished browser = chromium("--dump-dom");

        assertThat(browser.exitCode()).as(browser.describe()).isZero();
        String dom = browser.stdout();
        assertThat(dom)
                .as("rendered DOM of Swagger UI")
                .contains("class=\"opblock opblock-get\"")
                .contains("class=\"opblock opblock-post\"")
                .contains("data-path=\"/api/v1/experiments\"")
                .contains("data-path=\"/api/v1/experiments/{id}\"")
                .doesNotContain("Failed to load API definition");
    }

    @Test
    void takesAScreenshotThatIsNotBlank() throws IOException {
        Path screenshots = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
        Files.createDirectories(screenshots);
        Path png = screenshots.resolve("swagger-ui.png").toAbsolutePath();
        Files.deleteIfExists(png);

        ExternalProcess.Finished browser = chromium("--screenshot=" + png, "--window-size=1280,1600");

        assertThat(browser.exitCode()).as(browser.describe()).isZero();
        assertThat(png).as(browser.describe()).exists();
        assertThat(Files.size(png)).as("screenshot size in bytes").isGreaterThan(20_000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(1600);
        // A blank or error page has a handful of colours; rendered text and badges have many.
        assertThat(distinctColours(image)).as("distinct colours in the screenshot").isGreaterThan(100);
    }

    private ExternalProcess.Finished chromium(String... action) {
        List<String> command = new ArrayList<>(List.of(
                CHROMIUM.toString(),
                "--headless",
                // Tests run as root in CI, where Chromium's sandbox refuses to start.
                "--no-sandbox",
                "--disable-gpu",
                // Keep the browser off the network except for the application under test.
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + work.resolve("profile"),
                // Virtual time lets the page's scripts and fetches finish before the dump.
                "--virtual-time-budget=15000"));
        command.addAll(List.of(action));
        command.add(baseUrl() + "/swagger-ui/index.html");
        return ExternalProcess.run(command, work.resolve("output"), null, BROWSER_TIMEOUT);
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
